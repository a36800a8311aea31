import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SteeringRecommendation } from '../testbed.enums.js';
import type { StoredKnowledgeBasis } from './knowledge-basis.type.js';

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

  /** Frozen JSON; the schema's `knowledgeBasis` is its typed form (`TestDecisionFieldsResolver`). */
  @Column({ type: 'jsonb' })
  knowledgeBasis: StoredKnowledgeBasis;

  @Field()
  @Column({ type: 'timestamptz' })
  decidedAt: Date;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  supersedesDecisionId: string | null;
}
