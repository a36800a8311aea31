import { FollowUpMetrics } from './follow-up/follow-up.metrics.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '#catalog';
import { NotificationsModule } from '#notifications';
import { Implementation } from './implementation/implementation.entity.js';
import { ImplementationService } from './implementation/implementation.service.js';
import { ImplementationResolver } from './implementation/implementation.resolver.js';
import { ImplementationFieldsResolver } from './implementation/implementation-fields.resolver.js';
import { FollowUp, FollowUpAnswer } from './follow-up/follow-up.entity.js';
import { FollowUpService } from './follow-up/follow-up.service.js';
import { FollowUpWorkflowService } from './follow-up/follow-up-workflow.service.js';
import { FollowUpResolver } from './follow-up/follow-up.resolver.js';
import { FollowUpFieldsResolver } from './follow-up/follow-up-fields.resolver.js';
import { FollowUpAnswerFieldsResolver } from './follow-up/follow-up-answer-fields.resolver.js';
import { FollowUpThreadService } from './follow-up/follow-up-thread.service.js';
import { NeedsModule } from '#needs';
import { ProcurementModule } from '#procurement';
import { Indicator, IndicatorSet } from './indicators/indicator-set.entity.js';
import { IndicatorService } from './indicators/indicator.service.js';
import { IndicatorResolver } from './indicators/indicator.resolver.js';
import { IndicatorSetFieldsResolver } from './indicators/indicator-set-fields.resolver.js';
import { ProductExperienceService } from './results/product-experience.service.js';
import { FollowUpResultsService } from './results/follow-up-results.service.js';
import { FOLLOW_UP_JOB_HANDLERS } from './jobs/follow-up.handlers.js';

/** Implementations and their 12- and 24-month follow-ups: schedule, workers, indicators, answers, results (S4:358-362). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Implementation, FollowUp, FollowUpAnswer, IndicatorSet, Indicator]),
    CatalogModule,
    NeedsModule,
    ProcurementModule,
    NotificationsModule,
  ],
  providers: [
    ImplementationService,
    ImplementationResolver,
    ImplementationFieldsResolver,
    FollowUpService,
    FollowUpWorkflowService,
    FollowUpResolver,
    FollowUpFieldsResolver,
    FollowUpAnswerFieldsResolver,
    FollowUpThreadService,
    IndicatorService,
    IndicatorResolver,
    IndicatorSetFieldsResolver,
    FollowUpResultsService,
    ProductExperienceService,
    FollowUpMetrics,
    ...FOLLOW_UP_JOB_HANDLERS,
  ],
  exports: [ImplementationService, FollowUpService, FollowUpWorkflowService, IndicatorService, FollowUpResultsService],
})
export class FollowUpModule {}
