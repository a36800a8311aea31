import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description: 'An organisation taking part in a joint procurement, with its contact and estimated volumes.',
})
@Entity({ name: 'procurement_participations' })
export class Participation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  procurementId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  /** Exposed through the fields resolver: only to node staff, the lead and the participant itself. */
  @Column({ type: 'text' })
  contactName: string;

  @Column({ type: 'text' })
  contactEmail: string;

  @Column({ type: 'uuid', nullable: true })
  joinedByUserId: string | null;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  joinedAt: Date;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

@ObjectType({ description: 'The volume a participant expects to call off in one lot.' })
@Entity({ name: 'participation_lot_volumes' })
export class ParticipationLotVolume {
  @PrimaryColumn({ type: 'uuid' })
  participationId: string;

  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  lotId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  estimatedVolume: number;
}
