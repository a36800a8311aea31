import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SteeringRecommendation } from '../testbed.enums.js';

@ObjectType({ description: "A member organisation's vote on one protocol version." })
@Entity({ name: 'test_steering_votes' })
export class SteeringVote {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  versionId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  protocolId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  voterUserId: string;

  @Field(() => SteeringRecommendation)
  @Column({ type: 'text' })
  recommendation: SteeringRecommendation;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  conditions: string | null;

  @Field()
  @Column({ type: 'text' })
  rationale: string;

  @Field()
  @Column({ type: 'timestamptz' })
  castAt: Date;
}
