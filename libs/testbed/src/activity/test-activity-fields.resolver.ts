import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Organization, OrganizationService, type RequestContext } from '#core';
import { TestObservation } from './test-observation.entity.js';
import { TestDeviation } from './test-deviation.entity.js';
import { TechnicalFaultReport } from './technical-fault-report.entity.js';
import { TestResult } from './test-result.entity.js';
import { TestActivityService } from './test-activity.service.js';
import { SuccessCriterion } from '../protocol/success-criterion.entity.js';
import { TestProtocolService } from '../protocol/test-protocol.service.js';

@Resolver(() => TestObservation)
export class TestObservationFieldsResolver {
  constructor(private readonly organizations: OrganizationService) {}

  @ResolveField(() => Organization)
  authorOrganization(@Ctx() ctx: RequestContext, @Parent() report: TestObservation) {
    return this.organizations.load(ctx, report.authorOrganizationId);
  }
}

@Resolver(() => TestDeviation)
export class TestDeviationFieldsResolver {
  constructor(private readonly organizations: OrganizationService) {}

  @ResolveField(() => Organization)
  authorOrganization(@Ctx() ctx: RequestContext, @Parent() report: TestDeviation) {
    return this.organizations.load(ctx, report.authorOrganizationId);
  }
}

@Resolver(() => TechnicalFaultReport)
export class TechnicalFaultReportFieldsResolver {
  constructor(private readonly organizations: OrganizationService) {}

  @ResolveField(() => Organization)
  authorOrganization(@Ctx() ctx: RequestContext, @Parent() report: TechnicalFaultReport) {
    return this.organizations.load(ctx, report.authorOrganizationId);
  }
}

@Resolver(() => SuccessCriterion)
export class SuccessCriterionFieldsResolver {
  constructor(private readonly activity: TestActivityService) {}

  @ResolveField(() => TestResult, { nullable: true, description: 'The recorded result, if any.' })
  async result(@Ctx() ctx: RequestContext, @Parent() criterion: SuccessCriterion): Promise<TestResult | null> {
    return (
      (await this.activity.resultsOf(ctx, criterion.protocolId)).find((r) => r.criterionId === criterion.id) ?? null
    );
  }
}

@Resolver(() => TestResult)
export class TestResultFieldsResolver {
  constructor(private readonly protocols: TestProtocolService) {}

  @ResolveField(() => SuccessCriterion, { nullable: true })
  async criterion(@Ctx() ctx: RequestContext, @Parent() result: TestResult): Promise<SuccessCriterion | null> {
    return (await this.protocols.criteriaOf(ctx, result.protocolId)).find((c) => c.id === result.criterionId) ?? null;
  }
}
