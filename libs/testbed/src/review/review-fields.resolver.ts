import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Organization, OrganizationService, type RequestContext } from '#core';
import { TechnologyCategory, TechnologyCategoryService } from '#catalog';
import { TestProtocolVersion } from './test-protocol-version.entity.js';
import { SteeringVote } from './steering-vote.entity.js';
import { TestDecision } from './test-decision.entity.js';
import { SteeringReviewService } from './steering-review.service.js';
import { contentHash } from './protocol-snapshot.js';
import { EvidenceGap } from './protocol-snapshot.type.js';
import { KnowledgeBasis, toKnowledgeBasis } from './knowledge-basis.type.js';
import { TestProtocol } from '../protocol/test-protocol.entity.js';
import { TestProtocolService } from '../protocol/test-protocol.service.js';

@Resolver(() => TestProtocolVersion)
export class TestProtocolVersionFieldsResolver {
  constructor(
    private readonly review: SteeringReviewService,
    private readonly protocols: TestProtocolService,
  ) {}

  @ResolveField(() => TestProtocol, { nullable: true })
  protocol(@Ctx() ctx: RequestContext, @Parent() version: TestProtocolVersion) {
    return this.protocols.load(ctx, version.protocolId);
  }

  @ResolveField(() => [SteeringVote], {
    description: 'The votes on this version; votes on older versions never count here.',
  })
  votes(@Ctx() ctx: RequestContext, @Parent() version: TestProtocolVersion): Promise<SteeringVote[]> {
    return this.review.votesOf(ctx, version.id);
  }

  @ResolveField(() => TestDecision, { nullable: true })
  decision(@Ctx() ctx: RequestContext, @Parent() version: TestProtocolVersion) {
    return this.review.decisionOfVersion(ctx, version.id);
  }

  @ResolveField(() => Boolean, { description: 'The snapshot still gives its content hash (recomputed now).' })
  contentHashVerified(@Parent() version: TestProtocolVersion): boolean {
    return contentHash(version.snapshot) === version.contentHash;
  }

  @ResolveField(() => [EvidenceGap], {
    description: 'What the knowledge basis lacked when handed in (`snapshot.handIn.reason` says why it was anyway).',
  })
  evidenceGaps(@Parent() version: TestProtocolVersion): EvidenceGap[] {
    return this.review.evidenceGapsOfVersion(version);
  }
}

@Resolver(() => SteeringVote)
export class SteeringVoteFieldsResolver {
  constructor(
    private readonly review: SteeringReviewService,
    private readonly organizations: OrganizationService,
  ) {}

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() vote: SteeringVote) {
    return this.organizations.load(ctx, vote.organizationId);
  }

  @ResolveField(() => TestProtocolVersion)
  version(@Ctx() ctx: RequestContext, @Parent() vote: SteeringVote) {
    return this.review.loadVersion(ctx, vote.versionId);
  }

  @ResolveField(() => TestDecision, {
    nullable: true,
    description: 'The decision on the version, once the quorum is reached.',
  })
  decision(@Ctx() ctx: RequestContext, @Parent() vote: SteeringVote) {
    return this.review.decisionOfVersion(ctx, vote.versionId);
  }
}

@Resolver(() => TestDecision)
export class TestDecisionFieldsResolver {
  constructor(
    private readonly review: SteeringReviewService,
    private readonly protocols: TestProtocolService,
    private readonly categories: TechnologyCategoryService,
  ) {}

  @ResolveField(() => TestProtocol, {
    nullable: true,
    description: 'Decided protocols have run, so every member may see them.',
  })
  protocol(@Ctx() ctx: RequestContext, @Parent() decision: TestDecision) {
    return this.protocols.load(ctx, decision.protocolId);
  }

  @ResolveField(() => KnowledgeBasis, {
    description: 'What the decision rests on: the version, its hash, results, observation counts, documents.',
  })
  knowledgeBasis(@Parent() decision: TestDecision): KnowledgeBasis {
    return toKnowledgeBasis(decision.knowledgeBasis);
  }

  @ResolveField(() => TestProtocolVersion)
  version(@Ctx() ctx: RequestContext, @Parent() decision: TestDecision) {
    return this.review.loadVersion(ctx, decision.versionId);
  }

  @ResolveField(() => TechnologyCategory)
  category(@Ctx() ctx: RequestContext, @Parent() decision: TestDecision) {
    return this.categories.load(ctx, decision.categoryId);
  }

  @ResolveField(() => [SteeringVote])
  votes(@Ctx() ctx: RequestContext, @Parent() decision: TestDecision): Promise<SteeringVote[]> {
    return this.review.votesOf(ctx, decision.versionId);
  }

  @ResolveField(() => TestDecision, { nullable: true })
  supersedes(@Ctx() ctx: RequestContext, @Parent() decision: TestDecision) {
    return decision.supersedesDecisionId ? this.review.loadDecision(ctx, decision.supersedesDecisionId) : null;
  }

  @ResolveField(() => TestDecision, { nullable: true })
  supersededBy(@Ctx() ctx: RequestContext, @Parent() decision: TestDecision) {
    return this.review.supersededBy(ctx, decision.id);
  }
}
