import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { NeedStatus } from './need.enums.js';

@ObjectType({ description: "One step of a need's history: who, when, from, to and why." })
@Entity({ name: 'need_status_changes' })
export class NeedStatusChange {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: several changes can share one instant. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  needId: string;

  @Field(() => NeedStatus, { nullable: true, description: 'Null for the report itself.' })
  @Column({ type: 'text', nullable: true })
  fromStatus: NeedStatus | null;

  @Field(() => NeedStatus)
  @Column({ type: 'text' })
  toStatus: NeedStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => ID, { nullable: true, description: 'Null when the system made the change.' })
  @Column({ type: 'uuid', nullable: true })
  changedByUserId: string | null;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  changedAt: Date;

  /** Exposed through NeedStatusChangeFieldsResolver.mergedIntoId: only when the caller may see the survivor. */
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What caused the change in a later step of the thread, e.g. TestProtocol.',
  })
  @Column({ type: 'text', nullable: true })
  linkEntityType: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  linkEntityId: string | null;
}
