import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { AuditService, Clock, Db, OrganizationKind, type RequestContext, Role } from '#core';
import { NotificationService } from '#notifications';
import { Need } from './need.entity.js';
import { NeedEndorsement } from './need-endorsement.entity.js';
import { NeedStatus } from './need.enums.js';
import type { EndorseNeedInput } from './dto/endorse-need.input.js';
import { NeedPolicy } from '../needs.policy.js';
import { NeedError } from '../needs.errors.js';
import { NeedFollowService } from './need-follow.service.js';
import { refreshEndorsementCounters } from './need.queries.js';

/** "Vi har också detta behov": one endorsement per organisation; the counters live on the need row. */
@Injectable()
export class NeedEndorsementService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly following: NeedFollowService,
  ) {}

  async endorse(ctx: RequestContext, input: EndorseNeedInput): Promise<Need> {
    const actor = ctx.user;
    if (actor.organizationKind === OrganizationKind.NODE)
      throw NeedError.NODE_CANNOT_ENDORSE({ field: 'input.needId' });
    const { need, notificationIds } = await this.db.transaction(async (tx) => {
      const need = await this.lockVisible(ctx, tx, input.needId);
      if (need.status === NeedStatus.MERGED)
        throw NeedPolicy.mergedError(
          ctx,
          need.mergedIntoId ? await tx.findOneBy(Need, { id: need.mergedIntoId }) : null,
          'input.needId',
        );
      if (need.organizationId === actor.organizationId) throw NeedError.OWN_ORGANIZATION({ field: 'input.needId' });
      if (await tx.existsBy(NeedEndorsement, { needId: need.id, organizationId: actor.organizationId }))
        throw NeedError.ALREADY_ENDORSED({ field: 'input.needId' });
      const endorsement = tx.create(NeedEndorsement, {
        needId: need.id,
        organizationId: actor.organizationId,
        endorsedByUserId: actor.userId,
        comment: input.comment ?? null,
        peopleAffected: input.peopleAffected ?? null,
        movedFromNeedId: null,
        createdAt: this.clock.now(),
      });
      await tx.insert(NeedEndorsement, endorsement);
      await this.refreshCounters(tx, [need.id]);
      await this.following.followImplicitly(tx, need.id, actor.userId);
      await this.audit.record(ctx, tx, {
        action: 'need.endorsed',
        entityType: 'Need',
        entityId: need.id,
        after: endorsement,
      });
      const notificationIds = await this.notifications.notify(tx, {
        recipientUserIds: [need.reporterUserId],
        kind: 'need.endorsed',
        text: { needTitle: need.title },
        entityType: 'Need',
        entityId: need.id,
        params: { needId: need.id, organizationId: actor.organizationId },
        dedupeKey: `need.endorsed.${need.id}.${actor.organizationId}`,
      });
      return { need: await tx.findOneByOrFail(Need, { id: need.id }), notificationIds };
    });
    await this.notifications.dispatch(notificationIds);
    return need;
  }

  /** Withdraws the caller's organisation's endorsement: the one who endorsed, a coordinator of it, or node staff. */
  async withdraw(ctx: RequestContext, needId: string): Promise<Need> {
    const actor = ctx.user;
    return this.db.transaction(async (tx) => {
      const need = await this.lockVisible(ctx, tx, needId, 'needId');
      const endorsement = await tx.findOneBy(NeedEndorsement, {
        needId: need.id,
        organizationId: actor.organizationId,
      });
      if (!endorsement) throw NeedError.NOT_ENDORSED({ field: 'needId' });
      if (
        endorsement.endorsedByUserId !== actor.userId &&
        !ctx.hasRole(Role.MUNICIPALITY_COORDINATOR) &&
        !ctx.isNodeStaff
      ) {
        throw NeedError.WITHDRAW_FORBIDDEN({ field: 'needId' });
      }
      await tx.delete(NeedEndorsement, { id: endorsement.id });
      await this.refreshCounters(tx, [need.id]);
      await this.audit.record(ctx, tx, {
        action: 'need.endorsementWithdrawn',
        entityType: 'Need',
        entityId: need.id,
        before: endorsement,
      });
      return tx.findOneByOrFail(Need, { id: need.id });
    });
  }

  /**
   * Part of a merge (both rows locked by the caller): the duplicate's endorsements move to the survivor
   * unless that organisation already endorses it or owns it; the duplicate's own organisation becomes an
   * endorser of the survivor.
   */
  async moveOnMerge(ctx: RequestContext, tx: EntityManager, duplicate: Need, survivor: Need): Promise<void> {
    const moving = await tx.findBy(NeedEndorsement, { needId: duplicate.id });
    const present = new Set((await tx.findBy(NeedEndorsement, { needId: survivor.id })).map((e) => e.organizationId));
    present.add(survivor.organizationId);
    const dropped: NeedEndorsement[] = [];
    for (const endorsement of moving) {
      if (present.has(endorsement.organizationId)) {
        dropped.push(endorsement);
        continue;
      }
      present.add(endorsement.organizationId);
      await tx.update(NeedEndorsement, { id: endorsement.id }, { needId: survivor.id, movedFromNeedId: duplicate.id });
    }
    if (dropped.length) await tx.delete(NeedEndorsement, { id: In(dropped.map((e) => e.id)) });
    if (!present.has(duplicate.organizationId)) {
      await tx.insert(NeedEndorsement, {
        needId: survivor.id,
        organizationId: duplicate.organizationId,
        endorsedByUserId: duplicate.reporterUserId,
        comment: null,
        peopleAffected: duplicate.estimatedPeopleAffected,
        movedFromNeedId: duplicate.id,
        createdAt: this.clock.now(),
      });
    }
    await this.audit.record(ctx, tx, {
      action: 'need.endorsementsMoved',
      entityType: 'Need',
      entityId: survivor.id,
      before: {
        fromNeedId: duplicate.id,
        endorsements: moving.map((e) => ({ organizationId: e.organizationId, peopleAffected: e.peopleAffected })),
      },
      after: { droppedAsDuplicates: dropped.map((e) => e.organizationId) },
    });
  }

  /** Recounts from the endorsements, in the caller's transaction (the need rows are locked). */
  async refreshCounters(tx: EntityManager, needIds: readonly string[]): Promise<void> {
    await refreshEndorsementCounters(tx, needIds);
  }

  endorsementsOf(ctx: RequestContext, needId: string): Promise<NeedEndorsement[]> {
    return ctx.loaders
      .manyByKey<string, NeedEndorsement>(
        'needEndorsements',
        (ids) =>
          this.db.manager.find(NeedEndorsement, {
            where: { needId: In([...ids]) },
            order: { createdAt: 'ASC', id: 'ASC' },
          }),
        (e) => e.needId,
      )
      .load(needId);
  }

  private async lockVisible(ctx: RequestContext, tx: EntityManager, id: string, field = 'input.needId'): Promise<Need> {
    const need = await tx.findOne(Need, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!need || !NeedPolicy.canSee(ctx, need)) throw NeedError.NOT_FOUND({ field });
    return need;
  }
}
