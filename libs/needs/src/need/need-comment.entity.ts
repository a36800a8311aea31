import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A comment on a need, by anyone who can see it. Confidential free text.' })
@Entity({ name: 'need_comments' })
export class NeedComment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: several changes can share one instant. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  needId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  authorUserId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
