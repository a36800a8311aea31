import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum CoachActivityKind {
  TRAINING = 'TRAINING',
  OBSERVATION = 'OBSERVATION',
  DEMO = 'DEMO',
}
registerEnumType(CoachActivityKind, {
  name: 'CoachActivityKind',
  valuesMap: {
    TRAINING: { description: 'Utbildning given till kollegor' },
    OBSERVATION: { description: 'Observation i verksamheten' },
    DEMO: { description: 'Demonstration av teknik' },
  },
});

@ObjectType({ description: 'A field activity of a tech coach: a training, an observation, a demo.' })
@Entity({ name: 'coach_activities' })
export class CoachActivity {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  coachId: string;

  @Field(() => CoachActivityKind)
  @Column({ type: 'text' })
  kind: CoachActivityKind;

  @Field({ description: 'YYYY-MM-DD' })
  @Column({ type: 'date' })
  occurredOn: string;

  @Field(() => Int, { description: 'Number of staff reached.' })
  @Column({ type: 'integer' })
  staffReached: number;

  @Field(() => String, {
    nullable: true,
    description: "Short note. Confidential: visible to the coach's organisation and node staff.",
  })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  recordedByUserId: string;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
