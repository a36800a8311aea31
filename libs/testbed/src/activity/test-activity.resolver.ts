import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, Roles } from '#core';
import { TestActivityService } from './test-activity.service.js';
import { TestObservation } from './test-observation.entity.js';
import { TestDeviation } from './test-deviation.entity.js';
import { TechnicalFaultReport } from './technical-fault-report.entity.js';
import { TestResult } from './test-result.entity.js';
import {
  AddObservationInput,
  RecordParticipantsInput,
  RecordTestResultInput,
  ReportDeviationInput,
  ReportTechnicalFaultInput,
} from './dto/activity.input.js';
import { TestProtocol } from '../protocol/test-protocol.entity.js';
import { PROTOCOL_EDITOR_ROLES } from '../testbed.policy.js';

@Resolver()
export class TestActivityResolver {
  constructor(private readonly activity: TestActivityService) {}

  @Roles(...PROTOCOL_EDITOR_ROLES)
  @Mutation(() => TestProtocol, { description: 'Participants by group and sex: counts only, never identities.' })
  recordParticipants(@Ctx() ctx: RequestContext, @Args('input') input: RecordParticipantsInput): Promise<TestProtocol> {
    return this.activity.recordParticipants(ctx, input);
  }

  @Mutation(() => TestObservation, {
    description: 'An obstacle, opportunity or lesson; anyone in the lead or a participating organisation.',
  })
  addObservation(@Ctx() ctx: RequestContext, @Args('input') input: AddObservationInput): Promise<TestObservation> {
    return this.activity.addObservation(ctx, input);
  }

  @Mutation(() => TestDeviation, { description: 'A deviation (avvikelse) in care during the test.' })
  reportDeviation(@Ctx() ctx: RequestContext, @Args('input') input: ReportDeviationInput): Promise<TestDeviation> {
    return this.activity.reportDeviation(ctx, input);
  }

  @Mutation(() => TechnicalFaultReport, { description: 'A technical fault (felanmälan), kept apart from deviations.' })
  reportTechnicalFault(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ReportTechnicalFaultInput,
  ): Promise<TechnicalFaultReport> {
    return this.activity.reportTechnicalFault(ctx, input);
  }

  @Roles(...PROTOCOL_EDITOR_ROLES)
  @Mutation(() => TestResult, { description: 'The measured value of a success criterion, met or not.' })
  recordTestResult(@Ctx() ctx: RequestContext, @Args('input') input: RecordTestResultInput): Promise<TestResult> {
    return this.activity.recordResult(ctx, input);
  }
}
