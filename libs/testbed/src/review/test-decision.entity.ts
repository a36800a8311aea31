import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { GraphQLJSON } from '#core';
import { SteeringRecommendation } from '../testbed.enums.js';

@ObjectType('SteeringVoteCount')
export class VoteCount {
  @Field(() => SteeringRecommendation)
  recommendation: SteeringRecommendation;

  @Field(() => Int)
  votes: number;
}

@ObjectType({
  description:
    "The steering group's decision on one protocol version; published to all members, never edited (S4:294).",
})
@Entity({ name: 'test_decisions' })
export class TestDecision {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  protocolId: string;

  @Field(() => ID, { description: 'The version the decision judged.' })
  @Column({ type: 'uuid' })
  versionId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  versionNumber: number;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  categoryId: string;

  @Field(() => SteeringRecommendation, { description: 'The option with most votes; a tie gives TEST_MORE.' })
  @Column({ type: 'text' })
  outcome: SteeringRecommendation;

  @Field({ description: "Compiled from the votes: each organisation's recommendation and rationale." })
  @Column({ type: 'text' })
  rationale: string;

  @Field(() => String, { nullable: true, description: 'The conditions given with RECOMMEND_WITH_CONDITIONS votes.' })
  @Column({ type: 'text', nullable: true })
  conditions: string | null;

  @Field(() => [VoteCount])
  @Column({ type: 'jsonb' })
  voteCounts: VoteCount[];

  @Field(() => GraphQLJSON, {
    description: 'What the decision rests on: the version, its hash, results, observation summary, documents.',
  })
  @Column({ type: 'jsonb' })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen JSON; its GraphQL type is issue 24 point 4
  knowledgeBasis: Record<string, any>;

  @Field()
  @Column({ type: 'timestamptz' })
  decidedAt: Date;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  supersedesDecisionId: string | null;
}
