import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '#catalog';
import { NotificationsModule } from '#notifications';
import { Need } from './need/need.entity.js';
import { NeedEndorsement } from './need/need-endorsement.entity.js';
import { NeedStatusChange } from './need/need-status-change.entity.js';
import { NeedComment } from './need/need-comment.entity.js';
import { NeedService } from './need/need.service.js';
import { NeedEndorsementService } from './need/need-endorsement.service.js';
import { NeedWorkflowService } from './need/need-workflow.service.js';
import { NeedCommentService } from './need/need-comment.service.js';
import { NeedStatusWriter } from './need/need-status.writer.js';
import { NeedThreadService } from './need/need-thread.service.js';
import { NeedFollowService } from './need/need-follow.service.js';
import { NeedResolver } from './need/need.resolver.js';
import { NeedFieldsResolver } from './need/need-fields.resolver.js';
import { NeedEndorsementFieldsResolver } from './need/need-endorsement-fields.resolver.js';
import { NeedStatusChangeFieldsResolver } from './need/need-status-change-fields.resolver.js';
import { NeedCommentFieldsResolver } from './need/need-comment-fields.resolver.js';
import { TechCoach } from './coach/tech-coach.entity.js';
import { TechCoachCategory } from './coach/tech-coach-category.entity.js';
import { CoachActivity } from './coach/coach-activity.entity.js';
import { TechCoachService } from './coach/tech-coach.service.js';
import { TechCoachResolver } from './coach/tech-coach.resolver.js';
import { TechCoachFieldsResolver } from './coach/tech-coach-fields.resolver.js';

/** Needs from the field, their endorsements and workflow, and the tech-coach network: the start of the thread. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Need,
      NeedEndorsement,
      NeedStatusChange,
      NeedComment,
      TechCoach,
      TechCoachCategory,
      CoachActivity,
    ]),
    CatalogModule,
    NotificationsModule,
  ],
  providers: [
    NeedService,
    NeedEndorsementService,
    NeedWorkflowService,
    NeedCommentService,
    NeedStatusWriter,
    NeedThreadService,
    NeedFollowService,
    NeedResolver,
    NeedFieldsResolver,
    NeedEndorsementFieldsResolver,
    NeedStatusChangeFieldsResolver,
    NeedCommentFieldsResolver,
    TechCoachService,
    TechCoachResolver,
    TechCoachFieldsResolver,
  ],
  exports: [NeedService, NeedThreadService, NeedFollowService],
})
export class NeedsModule {}
