import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '#catalog';
import { NeedsModule } from '#needs';
import { NotificationsModule } from '#notifications';
import { TestProtocol } from './protocol/test-protocol.entity.js';
import { TestProtocolNeed, TestProtocolOrganization } from './protocol/test-protocol-link.entity.js';
import { SuccessCriterion } from './protocol/success-criterion.entity.js';
import { TestStatusChange } from './protocol/test-status-change.entity.js';
import { TestProtocolService } from './protocol/test-protocol.service.js';
import { TestProtocolResolver } from './protocol/test-protocol.resolver.js';
import { TestProtocolFieldsResolver } from './protocol/test-protocol-fields.resolver.js';
import { ParticipantCount } from './activity/participant-count.entity.js';
import { TestObservation } from './activity/test-observation.entity.js';
import { TestDeviation } from './activity/test-deviation.entity.js';
import { TechnicalFaultReport } from './activity/technical-fault-report.entity.js';
import { TestResult } from './activity/test-result.entity.js';
import { TestActivityService } from './activity/test-activity.service.js';
import { TestActivityResolver } from './activity/test-activity.resolver.js';
import {
  SuccessCriterionFieldsResolver,
  TechnicalFaultReportFieldsResolver,
  TestDeviationFieldsResolver,
  TestObservationFieldsResolver,
  TestResultFieldsResolver,
} from './activity/test-activity-fields.resolver.js';
import { TestProtocolVersion } from './review/test-protocol-version.entity.js';
import { SteeringVote } from './review/steering-vote.entity.js';
import { TestDecision } from './review/test-decision.entity.js';
import { SteeringSettings } from './review/steering-settings.entity.js';
import { SteeringReviewService } from './review/steering-review.service.js';
import { SteeringReviewResolver } from './review/steering-review.resolver.js';
import {
  SteeringVoteFieldsResolver,
  TestDecisionFieldsResolver,
  TestProtocolVersionFieldsResolver,
} from './review/review-fields.resolver.js';

/** Test protocols, what happens during a test, frozen versions and the steering group's review (S4:334-336, S4:294). */
@Module({
  imports: [
    CatalogModule,
    NeedsModule,
    NotificationsModule,
    TypeOrmModule.forFeature([
      TestProtocol,
      TestProtocolOrganization,
      TestProtocolNeed,
      SuccessCriterion,
      TestStatusChange,
      ParticipantCount,
      TestObservation,
      TestDeviation,
      TechnicalFaultReport,
      TestResult,
      TestProtocolVersion,
      SteeringVote,
      TestDecision,
      SteeringSettings,
    ]),
  ],
  providers: [
    TestProtocolService,
    TestActivityService,
    SteeringReviewService,
    TestProtocolResolver,
    TestProtocolFieldsResolver,
    TestActivityResolver,
    TestObservationFieldsResolver,
    TestDeviationFieldsResolver,
    TechnicalFaultReportFieldsResolver,
    SuccessCriterionFieldsResolver,
    TestResultFieldsResolver,
    SteeringReviewResolver,
    TestProtocolVersionFieldsResolver,
    SteeringVoteFieldsResolver,
    TestDecisionFieldsResolver,
  ],
  exports: [TestProtocolService, TestActivityService, SteeringReviewService],
})
export class TestbedModule {}
