import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ParticipantGroup } from '../testbed.enums.js';

@ObjectType('TestParticipantCount', { description: 'How many took part in one group, by sex: counts only, never identities.' })
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

  @Field(() => Int)
  @Column({ type: 'integer' })
  women: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  men: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  otherOrUnknown: number;

  @Field(() => Int)
  get total(): number {
    return this.women + this.men + this.otherOrUnknown;
  }

  @Field(() => ID)
  @Column({ type: 'uuid' })
  recordedByUserId: string;

  @Field()
  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
