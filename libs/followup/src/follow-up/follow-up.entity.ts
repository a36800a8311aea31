import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { GraphQLJSON } from '#core';

export enum FollowUpStatus {
  SCHEDULED = 'SCHEDULED',
  OPEN = 'OPEN',
  OVERDUE = 'OVERDUE',
  ANSWERED = 'ANSWERED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(FollowUpStatus, {
  name: 'FollowUpStatus',
  valuesMap: {
    SCHEDULED: { description: 'Planerad: öppnas på förfallodagen.' },
    OPEN: { description: 'Öppen: väntar på svar.' },
    OVERDUE: { description: 'Försenad: obesvarad 30 dagar efter öppnandet, eskalerad till noden.' },
    ANSWERED: { description: 'Besvarad.' },
    CANCELLED: { description: 'Avbruten (införandet avslutades).' },
  },
});

export const UNANSWERED_STATUSES = [FollowUpStatus.SCHEDULED, FollowUpStatus.OPEN, FollowUpStatus.OVERDUE] as const;

@ObjectType({ description: 'En uppföljning 12 eller 24 månader efter start (S4:358-362).' })
@Entity({ name: 'follow_ups' })
export class FollowUp {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  implementationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => Int, { description: 'Months after go-live: 12 or 24.' })
  @Column({ type: 'integer' })
  wave: number;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  @Column({ type: 'date' })
  dueOn: string;

  @Field(() => FollowUpStatus)
  @Column({ type: 'text' })
  status: FollowUpStatus;

  /** Bumped whenever the due date moves or the follow-up is cancelled: older jobs see a stale version and do nothing. */
  @Column({ type: 'integer' })
  scheduleVersion: number;

  @Field(() => ID, { nullable: true, description: 'The indicator set version current when it opened.' })
  @Column({ type: 'uuid', nullable: true })
  indicatorSetId: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

@ObjectType({
  description: 'Ett inskickat svar; oföränderligt. En rättelse är en ny version med skäl; den senaste gäller.',
})
@Entity({ name: 'follow_up_answers' })
export class FollowUpAnswer {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  followUpId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  version: number;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  indicatorSetId: string;

  @Field(() => GraphQLJSON, { description: 'Indicator values keyed by indicator key.' })
  @Column({ type: 'jsonb' })
  values: Record<string, IndicatorValue>;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  correctionReason: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  answeredByUserId: string;

  @Field()
  @Column({ type: 'timestamptz' })
  answeredAt: Date;
}

export type IndicatorValue = number | boolean | string;
