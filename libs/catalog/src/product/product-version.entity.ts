import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A released version of a product (semver-like, e.g. 2.1 or 2.1.3).' })
@Entity({ name: 'product_versions' })
export class ProductVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  productId: string;

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
