import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TestProtocolStatus } from '../testbed.enums.js';

@ObjectType({ description: 'One step of the lifecycle: who moved it, when, and why.' })
@Entity({ name: 'test_status_changes' })
export class TestStatusChange {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  protocolId: string;

  @Field(() => TestProtocolStatus, { nullable: true })
  @Column({ type: 'text', nullable: true })
  fromStatus: TestProtocolStatus | null;

  @Field(() => TestProtocolStatus)
  @Column({ type: 'text' })
  toStatus: TestProtocolStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => ID, { nullable: true, description: 'Null when the system made the change.' })
  @Column({ type: 'uuid', nullable: true })
  changedByUserId: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  changedAt: Date;

  /** Insertion order, for rows with the same instant. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;
}
