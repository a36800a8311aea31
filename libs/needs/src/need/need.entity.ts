import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CareSetting } from '#catalog';
import { NeedSource, NeedStatus, NeedTargetGroup, NeedUrgency } from './need.enums.js';

@ObjectType({ description: 'A need (behov) reported from the field: a problem, not a product (S1:2050).' })
@Entity({ name: 'needs' })
export class Need {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: "The reporter's organisation, which owns the need." })
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  reporterUserId: string;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field({ description: "The problem, in the reporter's words. Confidential: may hold personal data." })
  @Column({ type: 'text' })
  description: string;

  @Field(() => NeedTargetGroup)
  @Column({ type: 'text' })
  targetGroup: NeedTargetGroup;

  @Field(() => CareSetting)
  @Column({ type: 'text' })
  setting: CareSetting;

  @Field(() => NeedSource)
  @Column({ type: 'text' })
  source: NeedSource;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @Field(() => NeedUrgency)
  @Column({ type: 'text' })
  urgency: NeedUrgency;

  @Field({ description: 'Concerns a group that is hard to reach (S1:2065).' })
  @Column({ type: 'boolean', default: false })
  hardToReach: boolean;

  @Field(() => Int, { nullable: true, description: "The reporting organisation's estimate of people affected." })
  @Column({ type: 'integer', nullable: true })
  estimatedPeopleAffected: number | null;

  @Field(() => NeedStatus)
  @Column({ type: 'text', default: NeedStatus.NEW })
  status: NeedStatus;

  @Field(() => String, { nullable: true, description: 'The reason given with the latest status change.' })
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  statusChangedAt: Date;

  /** Exposed through NeedFieldsResolver.mergedIntoId: only when the caller may see the survivor. */
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the node first triaged it (visible to all members from then on); null while never triaged.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field(() => Int, { description: 'Other organisations that endorse the need ("vi har också detta behov").' })
  @Column({ type: 'integer', default: 0 })
  endorsementCount: number;

  /** The sum of the estimates given (0 when none): orders "most shared"; the schema's field is null when unknown. */
  @Column({ type: 'integer', default: 0 })
  peopleAffected: number;

  /** Whether the reporter or any endorser gave an estimate: unknown is not zero. */
  @Column({ type: 'boolean', default: false })
  peopleAffectedKnown: boolean;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
