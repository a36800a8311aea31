import { Injectable } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { In } from 'typeorm';
import {
  AuditService,
  Clock,
  type ConnectionResult,
  Db,
  paginate,
  plannedPage,
  type RequestContext,
  whereFragment,
} from '#core';
import { Product } from '#catalog';
import { FollowUp, FollowUpAnswer, FollowUpStatus } from './follow-up.entity.js';
import { FollowUpThreadService } from './follow-up-thread.service.js';
import { emptyAfterCommit, FollowUpWorkflowService } from './follow-up-workflow.service.js';
import type { AnswerFollowUpInput } from './dto/answer-follow-up.input.js';
import type { FollowUpsArgs } from './dto/follow-ups.args.js';
import { FOLLOW_UP_LIST, FOLLOW_UPS_BY_DUE_DATE, followUpListWhere, nextAnswerVersion } from './follow-up.queries.js';
import { Implementation } from '../implementation/implementation.entity.js';
import { ImplementationService } from '../implementation/implementation.service.js';
import { implementationNeedIds } from '../implementation/implementation.queries.js';
import { IndicatorService } from '../indicators/indicator.service.js';
import { Indicator } from '../indicators/indicator-set.entity.js';
import { validateIndicatorValues } from '../indicators/indicator-values.js';
import { FollowUpPolicy } from '../followup.policy.js';
import { FollowUpError } from '../followup.errors.js';

@Injectable()
export class FollowUpService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly implementations: ImplementationService,
    private readonly indicators: IndicatorService,
    private readonly workflow: FollowUpWorkflowService,
    private readonly thread: FollowUpThreadService,
  ) {}

  /**
   * Answers (version 1) or corrects (a new version with a reason) a follow-up. The first answer makes it ANSWERED
   * and bumps its schedule version, so every pending reminder and escalation finds nothing to do.
   */
  async answer(ctx: RequestContext, input: AnswerFollowUpInput): Promise<FollowUp> {
    const after = emptyAfterCommit();
    const followUp = await this.db.transaction(async (tx) => {
      const followUp = await tx.findOne(FollowUp, {
        where: { id: input.followUpId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!followUp) throw FollowUpError.FOLLOW_UP_NOT_FOUND({ field: 'input.followUpId' });
      const implementation = await tx.findOneByOrFail(Implementation, { id: followUp.implementationId });
      if (!FollowUpPolicy.canSee(ctx, implementation))
        throw FollowUpError.FOLLOW_UP_NOT_FOUND({ field: 'input.followUpId' });
      FollowUpPolicy.assertAnswers(ctx, implementation);
      if (![FollowUpStatus.OPEN, FollowUpStatus.OVERDUE, FollowUpStatus.ANSWERED].includes(followUp.status)) {
        throw FollowUpError.NOT_OPEN({ field: 'input.followUpId', params: { status: followUp.status } });
      }
      const correcting = followUp.status === FollowUpStatus.ANSWERED;
      if (correcting && !input.correctionReason)
        throw FollowUpError.CORRECTION_REASON_REQUIRED({ field: 'input.correctionReason' });
      const product = await tx.findOneByOrFail(Product, { id: implementation.productId });
      const setId = followUp.indicatorSetId ?? (await this.indicators.currentFor(tx, product.categoryId))?.id;
      const indicators = setId
        ? await tx.find(Indicator, { where: { indicatorSetId: setId }, order: { sortOrder: 'ASC' } })
        : [];
      const values = validateIndicatorValues(indicators, input.values);
      const next = await nextAnswerVersion(tx, followUp.id);
      const now = this.clock.now();
      const answer = tx.create(FollowUpAnswer, {
        followUpId: followUp.id,
        version: next,
        indicatorSetId: setId!,
        values,
        correctionReason: correcting ? input.correctionReason! : null,
        answeredByUserId: ctx.userId,
        answeredAt: now,
      });
      await tx.insert(FollowUpAnswer, answer);
      const before = { ...followUp };
      if (!correcting) {
        this.workflow.forgetJobs(followUp, after);
        Object.assign(followUp, {
          status: FollowUpStatus.ANSWERED,
          answeredAt: now,
          indicatorSetId: setId ?? null,
          scheduleVersion: followUp.scheduleVersion + 1,
          updatedAt: now,
        });
        await tx.save(FollowUp, followUp);
      }
      // The answer's values are not copied into the audit log: free text may hold personal data; the row keeps them.
      await this.audit.record(ctx, tx, {
        action: correcting ? 'followUp.corrected' : 'followUp.answered',
        entityType: 'FollowUp',
        entityId: followUp.id,
        before,
        after: { ...followUp, answerId: answer.id, answerVersion: answer.version },
      });
      const needIds = await implementationNeedIds(tx, implementation.id);
      await this.thread.answered(ctx, tx, {
        followUpId: followUp.id,
        implementationId: implementation.id,
        organizationId: implementation.organizationId,
        productId: implementation.productId,
        wave: followUp.wave,
        answerVersion: answer.version,
        needIds,
        callOffId: implementation.callOffId,
        values,
      });
      return followUp;
    });
    await this.workflow.afterCommit(after);
    return followUp;
  }

  async get(ctx: RequestContext, id: string): Promise<FollowUp> {
    const followUp = await this.db.manager.findOneBy(FollowUp, { id });
    const implementation = followUp && (await this.implementations.load(ctx, followUp.implementationId));
    if (!implementation || !FollowUpPolicy.canSee(ctx, implementation))
      throw FollowUpError.FOLLOW_UP_NOT_FOUND({ field: 'id' });
    return followUp;
  }

  /** Planned (one prepared statement with the asked-for columns and joins) unless a field resolver is asked for. */
  async list(ctx: RequestContext, args: FollowUpsArgs, info?: GraphQLResolveInfo): Promise<ConnectionResult<FollowUp>> {
    const request = { where: followUpListWhere(ctx, args), sort: FOLLOW_UPS_BY_DUE_DATE, page: args };
    const planned = await plannedPage(this.db, info, FOLLOW_UP_LIST, request);
    if (planned) return planned;
    const qb = this.db.manager.createQueryBuilder(FollowUp, 'f');
    for (const condition of request.where) whereFragment(qb, condition);
    return paginate(qb, args, FOLLOW_UPS_BY_DUE_DATE);
  }

  /** The follow-ups of a visible implementation, by wave. */
  async ofImplementation(ctx: RequestContext, implementationId: string): Promise<FollowUp[]> {
    const rows = await ctx.loaders
      .manyByKey<string, FollowUp>(
        'followUpsOfImplementation',
        (ids) => this.db.manager.findBy(FollowUp, { implementationId: In([...ids]) }),
        (f) => f.implementationId,
      )
      .load(implementationId);
    return [...rows].sort((a, b) => a.wave - b.wave);
  }

  async answersOf(ctx: RequestContext, followUpId: string): Promise<FollowUpAnswer[]> {
    const rows = await ctx.loaders
      .manyByKey<string, FollowUpAnswer>(
        'followUpAnswers',
        (ids) => this.db.manager.findBy(FollowUpAnswer, { followUpId: In([...ids]) }),
        (a) => a.followUpId,
      )
      .load(followUpId);
    return [...rows].sort((a, b) => b.version - a.version);
  }

  async latestAnswer(ctx: RequestContext, followUpId: string): Promise<FollowUpAnswer | null> {
    return (await this.answersOf(ctx, followUpId))[0] ?? null;
  }

  loadImplementation(ctx: RequestContext, id: string): Promise<Implementation | null> {
    return this.implementations.load(ctx, id);
  }
}
