import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A released version of a system (semver-like).' })
@Entity({ name: 'system_versions' })
export class SystemVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  systemId: string;

  @Field()
  @Column({ type: 'text' })
  version: string;

  @Field(() => String, { nullable: true, description: 'Release date (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  releasedOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
