import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { Db, type RequestContext } from '#core';
import { NotificationService } from '#notifications';
import { Need } from './need.entity.js';
import { NeedStatusChange } from './need-status-change.entity.js';
import { NeedStatus } from './need.enums.js';
import { NeedTransitions, reasonRequired } from './need.workflow.js';
import { NeedStatusWriter } from './need-status.writer.js';
import { NeedEndorsementService } from './need-endorsement.service.js';
import { NeedFollowService } from './need-follow.service.js';
import type { ChangeNeedStatusInput, MergeNeedInput } from './dto/change-need-status.input.js';
import { NeedPolicy } from '../needs.policy.js';
import { NeedError } from '../needs.errors.js';

/** Node staff move needs through the workflow and merge duplicates, with the trail kept. */
@Injectable()
export class NeedWorkflowService {
  constructor(
    private readonly db: Db,
    private readonly writer: NeedStatusWriter,
    private readonly endorsements: NeedEndorsementService,
    private readonly followers: NeedFollowService,
    private readonly notifications: NotificationService,
  ) {}

  async changeStatus(ctx: RequestContext, input: ChangeNeedStatusInput): Promise<Need> {
    NeedPolicy.assertRunsWorkflow(ctx);
    if (input.status === NeedStatus.MERGED) throw NeedError.USE_MERGE({ field: 'input.status' });
    if (reasonRequired(input.status) && !input.reason)
      throw NeedError.REASON_REQUIRED({ field: 'input.reason', params: { status: input.status } });
    const { need, notificationIds } = await this.db.transaction(async (tx) => {
      const need = await this.lock(tx, input.needId, 'input.needId');
      NeedTransitions.assert(need.status, input.status, 'input.status');
      const notificationIds = await this.writer.apply(ctx, tx, need, input.status, { reason: input.reason });
      return { need, notificationIds };
    });
    await this.notifications.dispatch(notificationIds);
    return need;
  }

  /**
   * The duplicate becomes MERGED, pointing at the survivor; its endorsements move over (an organisation
   * that endorsed both keeps one), its own organisation becomes an endorser of the survivor, and needs
   * merged into the duplicate earlier now point at the survivor, and its followers follow the survivor. The
   * duplicate's history stays.
   */
  async merge(ctx: RequestContext, input: MergeNeedInput): Promise<Need> {
    NeedPolicy.assertRunsWorkflow(ctx);
    if (input.needId === input.intoNeedId) throw NeedError.MERGE_INTO_SELF({ field: 'input.intoNeedId' });
    const { survivor, notificationIds } = await this.db.transaction(async (tx) => {
      // Both rows locked in one statement, in id order, so two crossing merges cannot deadlock.
      const locked = await tx.find(Need, {
        where: { id: In([input.needId, input.intoNeedId]) },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const duplicate = locked.find((n) => n.id === input.needId);
      const survivor = locked.find((n) => n.id === input.intoNeedId);
      if (!duplicate) throw NeedError.NOT_FOUND({ field: 'input.needId' });
      if (!survivor) throw NeedError.NOT_FOUND({ field: 'input.intoNeedId' });
      if (survivor.status === NeedStatus.MERGED)
        throw NeedError.MERGED({ field: 'input.intoNeedId', params: { mergedIntoId: survivor.mergedIntoId ?? '' } });
      NeedTransitions.assert(duplicate.status, NeedStatus.MERGED, 'input.needId');
      await this.endorsements.moveOnMerge(ctx, tx, duplicate, survivor);
      await this.followers.moveOnMerge(tx, duplicate.id, survivor.id);
      await tx.update(Need, { mergedIntoId: duplicate.id }, { mergedIntoId: survivor.id });
      const revealMergedInto = survivor.publishedAt !== null || survivor.organizationId === duplicate.organizationId;
      const notificationIds = await this.writer.apply(ctx, tx, duplicate, NeedStatus.MERGED, {
        reason: input.reason,
        mergedIntoId: survivor.id,
        revealMergedInto,
      });
      if (survivor.reporterUserId !== duplicate.reporterUserId) {
        notificationIds.push(
          ...(await this.notifications.notify(tx, {
            recipientUserIds: [survivor.reporterUserId],
            kind: 'need.duplicateMerged',
            text: { needTitle: survivor.title },
            entityType: 'Need',
            entityId: survivor.id,
            params: {
              needId: survivor.id,
              mergedNeedId:
                duplicate.publishedAt !== null || duplicate.organizationId === survivor.organizationId
                  ? duplicate.id
                  : null,
            },
            dedupeKey: `need.duplicateMerged.${survivor.id}.${duplicate.id}`,
          })),
        );
      }
      await this.endorsements.refreshCounters(tx, [duplicate.id, survivor.id]);
      return { survivor: await tx.findOneByOrFail(Need, { id: survivor.id }), notificationIds };
    });
    await this.notifications.dispatch(notificationIds);
    return survivor;
  }

  historyOf(ctx: RequestContext, needId: string): Promise<NeedStatusChange[]> {
    return ctx.loaders
      .manyByKey<string, NeedStatusChange>(
        'needHistory',
        (ids) => this.db.manager.find(NeedStatusChange, { where: { needId: In([...ids]) }, order: { seq: 'ASC' } }),
        (c) => c.needId,
      )
      .load(needId);
  }

  private async lock(tx: EntityManager, id: string, field: string): Promise<Need> {
    const need = await tx.findOne(Need, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!need) throw NeedError.NOT_FOUND({ field });
    return need;
  }
}
