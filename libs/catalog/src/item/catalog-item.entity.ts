import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What a product and a municipal system are alike: a named catalogue item with released versions, one of them
 * current. Each keeps its own table (`products`, `systems`) and adds what is its own (category and supplier; kind
 * and vendor).
 */
@ObjectType({ isAbstract: true })
export abstract class CatalogItem {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The version currently delivered: the latest released unless another was made current.',
  })
  @Column({ type: 'text', nullable: true })
  currentVersion: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A released version of a catalogue item (semver-like, e.g. 2.1 or 2.1.3). */
@ObjectType({ isAbstract: true })
export abstract class CatalogItemVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

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
