import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A system an organisation runs, and the version (its system landscape).' })
@Entity({ name: 'organization_systems' })
export class OrganizationSystem {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  systemId: string;

  @Field({ description: 'The version the organisation runs.' })
  @Column({ type: 'text' })
  version: string;

  @Field(() => String, { nullable: true, description: 'In use since (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  inUseSince: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
