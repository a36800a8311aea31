import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Organization, OrganizationService, type RequestContext } from '#core';
import { Product, ProductService, TechnologyCategory, TechnologyCategoryService } from '#catalog';
import { TestProtocol } from './test-protocol.entity.js';
import { SuccessCriterion } from './success-criterion.entity.js';
import { TestStatusChange } from './test-status-change.entity.js';
import { TestProtocolService } from './test-protocol.service.js';
import { TestActivityService } from '../activity/test-activity.service.js';
import { ParticipantCount } from '../activity/participant-count.entity.js';
import { TestObservation } from '../activity/test-observation.entity.js';
import { TestDeviation } from '../activity/test-deviation.entity.js';
import { TechnicalFaultReport } from '../activity/technical-fault-report.entity.js';
import { TestResult } from '../activity/test-result.entity.js';
import { SteeringReviewService } from '../review/steering-review.service.js';
import { TestProtocolVersion } from '../review/test-protocol-version.entity.js';
import { TestDecision } from '../review/test-decision.entity.js';
import { ObservationKind, ReviewStatus, TestProtocolStatus } from '../testbed.enums.js';
import { ProtocolTransitions, SYSTEM_STATUSES } from '../testbed.transitions.js';

@Resolver(() => TestProtocol)
export class TestProtocolFieldsResolver {
  constructor(
    private readonly protocols: TestProtocolService,
    private readonly activity: TestActivityService,
    private readonly review: SteeringReviewService,
    private readonly categories: TechnologyCategoryService,
    private readonly products: ProductService,
    private readonly organizations: OrganizationService,
  ) {}

  @ResolveField(() => TechnologyCategory)
  category(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol) {
    return this.categories.load(ctx, protocol.categoryId);
  }

  @ResolveField(() => Product, { nullable: true })
  product(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol) {
    return protocol.productId ? this.products.load(ctx, protocol.productId) : null;
  }

  @ResolveField(() => Organization)
  leadOrganization(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol) {
    return this.organizations.load(ctx, protocol.leadOrganizationId);
  }

  @ResolveField(() => [Organization])
  async participatingOrganizations(
    @Ctx() ctx: RequestContext,
    @Parent() protocol: TestProtocol,
  ): Promise<Organization[]> {
    const ids = await this.protocols.participantIdsOf(ctx, protocol.id);
    const organizations = await Promise.all(ids.map((id) => this.organizations.load(ctx, id)));
    return organizations.filter((o): o is Organization => !!o).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }

  @ResolveField(() => [SuccessCriterion])
  successCriteria(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol): Promise<SuccessCriterion[]> {
    return this.protocols.criteriaOf(ctx, protocol.id);
  }

  @ResolveField(() => [ParticipantCount])
  participants(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol): Promise<ParticipantCount[]> {
    return this.activity.participantsShownTo(ctx, protocol);
  }

  @ResolveField(() => [TestObservation])
  async observations(
    @Ctx() ctx: RequestContext,
    @Parent() protocol: TestProtocol,
    @Args('kind', { type: () => ObservationKind, nullable: true }) kind?: ObservationKind | null,
  ): Promise<TestObservation[]> {
    const all = await this.activity.observationsOf(ctx, protocol.id);
    return kind ? all.filter((o) => o.kind === kind) : all;
  }

  @ResolveField(() => [TestDeviation])
  deviations(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol): Promise<TestDeviation[]> {
    return this.activity.deviationsOf(ctx, protocol.id);
  }

  @ResolveField(() => [TechnicalFaultReport])
  technicalFaults(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol): Promise<TechnicalFaultReport[]> {
    return this.activity.faultReportsOf(ctx, protocol.id);
  }

  @ResolveField(() => [TestResult])
  results(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol): Promise<TestResult[]> {
    return this.activity.resultsOf(ctx, protocol.id);
  }

  @ResolveField(() => [TestStatusChange], { description: 'Every transition: who, when, why.' })
  statusHistory(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol): Promise<TestStatusChange[]> {
    return this.protocols.statusHistoryOf(ctx, protocol.id);
  }

  @ResolveField(() => [TestProtocolStatus], { description: 'Statuses changeTestProtocolStatus may move it to now.' })
  allowedTransitions(@Parent() protocol: TestProtocol): TestProtocolStatus[] {
    return ProtocolTransitions.allowedFrom(protocol.status).filter((s) => !SYSTEM_STATUSES.includes(s));
  }

  @ResolveField(() => [TestProtocolVersion], { description: 'Frozen versions, oldest first.' })
  versions(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol): Promise<TestProtocolVersion[]> {
    return this.review.versionsOf(ctx, protocol.id);
  }

  @ResolveField(() => TestProtocolVersion, {
    nullable: true,
    description: 'The version under steering review, if any.',
  })
  async openVersion(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol): Promise<TestProtocolVersion | null> {
    const versions = await this.review.versionsOf(ctx, protocol.id);
    return versions.find((v) => v.reviewStatus === ReviewStatus.OPEN) ?? null;
  }

  @ResolveField(() => [TestDecision], {
    description: 'Decisions, oldest first; each later one supersedes the one before.',
  })
  decisions(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol): Promise<TestDecision[]> {
    return this.review.decisionsOf(ctx, protocol.id);
  }

  @ResolveField(() => TestDecision, { nullable: true, description: 'The decision in force (the latest).' })
  async latestDecision(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol): Promise<TestDecision | null> {
    return (await this.review.decisionsOf(ctx, protocol.id)).at(-1) ?? null;
  }
}
