import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Suppression } from '#core';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ParticipantGroup } from '../testbed.enums.js';

@ObjectType('TestParticipantCount', {
  description: 'How many took part in one group, by sex: counts only, never identities.',
})
@Entity({ name: 'test_participant_counts' })
export class ParticipantCount {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  protocolId: string;

  @Field(() => ParticipantGroup)
  @Column({ type: 'text' })
  participantGroup: ParticipantGroup;

  @Field(() => Int, { nullable: true, description: 'Null when withheld by the small-number rule (see suppression).' })
  @Column({ type: 'integer' })
  women: number;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer' })
  men: number;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer' })
  otherOrUnknown: number;

  @Field(() => Int, { nullable: true, description: 'Null only when the total itself is below the people minimum.' })
  get total(): number {
    return this.women + this.men + this.otherOrUnknown;
  }

  /** Set by the protocol's `participants` field for other organisations when a count is too small to share. */
  @Field(() => Suppression, {
    nullable: true,
    description:
      'Other organisations see no count of 1 to PRIVACY_MIN_PEOPLE − 1 people, nor counts by sex that would reveal one.',
  })
  suppression?: Suppression | null;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  recordedByUserId: string;

  @Field()
  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
