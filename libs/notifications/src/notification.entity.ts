import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { GraphQLJSON } from '#core';

export enum EmailStatus {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
  /** No SMTP configured, or the recipient has no address: in-app only. */
  SKIPPED = 'SKIPPED',
}
registerEnumType(EmailStatus, { name: 'EmailStatus' });

/** The outbox: written in the same transaction as the change it tells about, delivered later by the worker. */
@ObjectType()
@Entity({ name: 'notifications' })
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  recipientUserId: string;

  @Field({ description: 'What happened, e.g. `need.statusChanged`, `followUp.opened`.' })
  @Column({ type: 'text' })
  kind: string;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  entityType: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  params: Record<string, unknown> | null;

  /** Unique per recipient: the same event never notifies the same person twice. */
  @Column({ type: 'text', nullable: true })
  dedupeKey: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Field(() => EmailStatus)
  @Column({ type: 'text', default: EmailStatus.PENDING })
  emailStatus: EmailStatus;

  @Column({ type: 'integer', default: 0 })
  emailAttempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  emailClaimedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;
}
