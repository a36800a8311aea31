import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, OrganizationKind, type RequestContext } from '#core';
import { Need } from '#needs';
import { TestDecision, TestProtocol } from '#testbed';
import { CallOff, FrameworkAgreement, Procurement } from '#procurement';
import { Implementation } from '#followup';
import { ThreadLinkService } from './thread-link.service.js';
import { Transferability } from '../transferability/transferability.types.js';
import { TransferabilityService } from '../transferability/transferability.service.js';

@Resolver(() => Need)
export class NeedThreadLinksResolver {
  constructor(private readonly links: ThreadLinkService) {}

  @ResolveField(() => [TestProtocol], { description: 'The tests that answer the need (those the caller may see).' })
  tests(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.links.testsOfNeed(ctx, need.id);
  }

  @ResolveField(() => [Procurement], { description: 'The joint procurements that answer the need.' })
  procurements(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.links.procurementsOfNeed(ctx, need.id);
  }

  @ResolveField(() => [Implementation], {
    description:
      "The implementations that answer the need (only the caller's own organisation's, or all for node staff).",
  })
  implementations(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.links.implementationsOfNeed(ctx, need.id);
  }
}

@Resolver(() => TestProtocol)
export class TestProtocolThreadLinksResolver {
  constructor(private readonly links: ThreadLinkService) {}

  @ResolveField(() => [Need], { description: 'The needs the test answers (those the caller may see).' })
  needs(@Ctx() ctx: RequestContext, @Parent() protocol: TestProtocol) {
    return this.links.needsOfTest(ctx, protocol.id);
  }
}

@Resolver(() => TestDecision)
export class TestDecisionThreadLinksResolver {
  constructor(
    private readonly links: ThreadLinkService,
    private readonly assessor: TransferabilityService,
  ) {}

  @ResolveField(() => Transferability, {
    nullable: true,
    description: 'For a caller in a municipality: what in its own context the test did not cover (null for others).',
  })
  transferabilityForMyOrganization(@Ctx() ctx: RequestContext, @Parent() decision: TestDecision) {
    return ctx.user.organizationKind === OrganizationKind.MUNICIPALITY
      ? this.assessor.forMyOrganization(ctx, decision.id)
      : null;
  }

  @ResolveField(() => [Procurement], { description: 'The procurements that rest on the decision.' })
  procurements(@Ctx() ctx: RequestContext, @Parent() decision: TestDecision) {
    return this.links.procurementsOfDecision(ctx, decision.id);
  }
}

@Resolver(() => Procurement)
export class ProcurementThreadLinksResolver {
  constructor(private readonly links: ThreadLinkService) {}

  @ResolveField(() => [Need], { description: 'The needs the procurement answers.' })
  needs(@Ctx() ctx: RequestContext, @Parent() procurement: Procurement) {
    return this.links.needsOfProcurement(ctx, procurement.id);
  }

  @ResolveField(() => [TestDecision], { description: 'The test decisions the procurement rests on.' })
  decisions(@Ctx() ctx: RequestContext, @Parent() procurement: Procurement) {
    return this.links.decisionsOfProcurement(ctx, procurement.id);
  }
}

@Resolver(() => FrameworkAgreement)
export class FrameworkAgreementThreadLinksResolver {
  constructor(private readonly links: ThreadLinkService) {}

  @ResolveField(() => [TestDecision], { description: "The test decisions the agreement's procurement rests on." })
  decisions(@Ctx() ctx: RequestContext, @Parent() agreement: FrameworkAgreement) {
    return this.links.decisionsOfProcurement(ctx, agreement.procurementId);
  }
}

@Resolver(() => CallOff)
export class CallOffThreadLinksResolver {
  constructor(private readonly links: ThreadLinkService) {}

  @ResolveField(() => [Implementation], {
    description: "The implementations built on the call-off (the caller's own organisation's).",
  })
  implementations(@Ctx() ctx: RequestContext, @Parent() callOff: CallOff) {
    return this.links.implementationsOfCallOff(ctx, callOff.id);
  }
}

@Resolver(() => Implementation)
export class ImplementationThreadLinksResolver {
  constructor(private readonly links: ThreadLinkService) {}

  @ResolveField(() => CallOff, { nullable: true, description: 'The call-off the implementation rests on.' })
  callOff(@Ctx() ctx: RequestContext, @Parent() implementation: Implementation) {
    return this.links.callOffOfImplementation(ctx, implementation.id);
  }

  @ResolveField(() => [Need], { description: 'The needs the implementation answers (those the caller may see).' })
  needs(@Ctx() ctx: RequestContext, @Parent() implementation: Implementation) {
    return this.links.needsOfImplementation(ctx, implementation.id);
  }
}
