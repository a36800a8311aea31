import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, PrimaryGeneratedColumn } from 'typeorm';

/** What observations, deviations and fault reports share: text, date, author. Free text is confidential. */
@ObjectType({ isAbstract: true })
export abstract class TestReportBase {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  protocolId: string;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field({ description: 'When it happened or was seen (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  occurredOn: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  authorUserId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  authorOrganizationId: string;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  /** Insertion order, for rows with the same instant. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;
}
