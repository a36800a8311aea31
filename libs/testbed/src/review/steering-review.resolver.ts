import { Args, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Connection, Ctx, PageArgs, type RequestContext, Role, Roles, UuidPipe } from '#core';
import { SteeringReviewService } from './steering-review.service.js';
import { TestProtocolVersion } from './test-protocol-version.entity.js';
import { SteeringVote } from './steering-vote.entity.js';
import { TestDecision } from './test-decision.entity.js';
import { SteeringSettings } from './steering-settings.entity.js';
import { EvidenceGap } from './protocol-snapshot.type.js';
import { CastSteeringVoteInput, ConfigureSteeringQuorumInput, DecisionsArgs } from './dto/review.input.js';
import { TestProtocolConnection } from '../protocol/test-protocol.resolver.js';
import { PROTOCOL_EDITOR_ROLES } from '../testbed.policy.js';

@ObjectType()
export class TestDecisionConnection extends Connection(TestDecision) {}

@Resolver()
export class SteeringReviewResolver {
  constructor(private readonly review: SteeringReviewService) {}

  @Roles(...PROTOCOL_EDITOR_ROLES)
  @Mutation(() => TestProtocolVersion, {
    description:
      'Freezes the protocol as its next version (with a content hash) and opens the steering review. When the ' +
      'knowledge basis lacks something (`testProtocolEvidenceGaps`), `handInReason` is required and frozen with it.',
  })
  submitTestProtocolForReview(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('handInReason', { type: () => String, nullable: true }) handInReason?: string | null,
  ): Promise<TestProtocolVersion> {
    return this.review.submit(ctx, id, handInReason);
  }

  @Roles(...PROTOCOL_EDITOR_ROLES)
  @Query(() => [EvidenceGap], {
    description: 'What the knowledge basis of the protocol would lack if it were handed in now.',
  })
  testProtocolEvidenceGaps(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<EvidenceGap[]> {
    return this.review.evidenceGaps(ctx, id);
  }

  @Roles(Role.STEERING_MEMBER)
  @Mutation(() => SteeringVote, {
    description:
      "My organisation's vote on a version; the vote that reaches the quorum closes the review into a decision.",
  })
  castSteeringVote(@Ctx() ctx: RequestContext, @Args('input') input: CastSteeringVoteInput): Promise<SteeringVote> {
    return this.review.castVote(ctx, input);
  }

  @Roles(Role.STEERING_MEMBER)
  @Query(() => TestProtocolConnection, { description: "Protocols awaiting my organisation's vote, oldest first." })
  reviewQueue(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.review.reviewQueue(ctx, page);
  }

  @Query(() => TestDecisionConnection, { description: 'Steering decisions, newest first; published to all members.' })
  decisions(@Ctx() ctx: RequestContext, @Args() args: DecisionsArgs) {
    return this.review.decisions(ctx, args);
  }

  @Query(() => TestDecision)
  testDecision(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<TestDecision> {
    return this.review.decision(ctx, id);
  }

  @Query(() => SteeringSettings, { description: 'The quorum rule of the steering review.' })
  steeringSettings(@Ctx() ctx: RequestContext): Promise<SteeringSettings> {
    return this.review.settings(ctx);
  }

  @Roles(Role.NODE_ADMIN)
  @Mutation(() => SteeringSettings)
  configureSteeringQuorum(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ConfigureSteeringQuorumInput,
  ): Promise<SteeringSettings> {
    return this.review.configureQuorum(ctx, input);
  }
}
