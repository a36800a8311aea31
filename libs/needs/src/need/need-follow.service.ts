import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, Clock, Db, type RequestContext } from '#core';
import type { NotificationKind, WordParams } from '#words';
import { NotificationService } from '#notifications';
import { NeedService } from './need.service.js';
import { followChoices, followUnlessChosen, moveFollowers, needsWithFollowers, setFollowing } from './need.queries.js';

/** A step of the thread that the people following a need are told about. */
export interface NeedThreadEvent {
  /** e.g. `need.testDecided`, `need.procurementAwarded`, `need.followUpAnswered`. */
  kind: NotificationKind & `need.${string}`;
  /** Identifies the event (the decision, the agreement, the follow-up): each follower is told once per need. */
  eventKey: string;
  /** For the words, besides the need's title (`needTitle`). */
  text?: WordParams;
  entityType: string;
  entityId: string;
}

/** Where a client opens the whole thread of a need. */
export function traceLink(needId: string): string {
  return `/trace/NEED/${needId}`;
}

/**
 * Closing the loop: the reporter of a need (unless they unfollowed it) and everyone who follows it (endorsing
 * makes the endorser follow) are told when its test is decided, its procurement awarded and its first
 * 12-month follow-up answered. Later domains call `tell` inside their own transaction.
 */
@Injectable()
export class NeedFollowService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly needs: NeedService,
    private readonly notifications: NotificationService,
  ) {}

  follow(ctx: RequestContext, needId: string): Promise<boolean> {
    return this.set(ctx, needId, true);
  }

  unfollow(ctx: RequestContext, needId: string): Promise<boolean> {
    return this.set(ctx, needId, false);
  }

  /** Following starts implicitly (endorsing); an earlier unfollow stands. */
  async followImplicitly(tx: EntityManager, needId: string, userId: string): Promise<void> {
    await followUnlessChosen(tx, needId, userId, this.clock.now());
  }

  /**
   * Whoever follows the duplicate (its reporter unless they unfollowed it, and its followers) follows the survivor,
   * so the merge does not cut them off from what becomes of the need. A choice already made on the survivor stands.
   */
  async moveOnMerge(tx: EntityManager, duplicateId: string, survivorId: string): Promise<void> {
    await moveFollowers(tx, duplicateId, survivorId, this.clock.now());
  }

  /** Whether the caller is told about the need's thread: an explicit choice, or being its reporter. */
  async isFollowing(ctx: RequestContext, needId: string, reporterUserId: string): Promise<boolean> {
    const choice = await ctx.loaders
      .byKey<string, { needId: string; following: boolean }>(
        'needFollowedByMe',
        (ids) => followChoices(this.db.manager, ctx.userId, [...ids]),
        (row) => row.needId,
      )
      .load(needId);
    return choice ? choice.following : reporterUserId === ctx.userId;
  }

  /** Writes one notification per follower and need through the caller's transaction; returns their ids to dispatch. */
  async tell(tx: EntityManager, needIds: readonly string[], event: NeedThreadEvent): Promise<string[]> {
    if (needIds.length === 0) return [];
    const rows = await needsWithFollowers(tx, [...new Set(needIds)]);
    const created: string[] = [];
    for (const need of rows) {
      created.push(
        ...(await this.notifications.notify(tx, {
          recipientUserIds: need.recipients,
          kind: event.kind,
          text: { ...event.text, needTitle: need.title },
          entityType: 'Need',
          entityId: need.id,
          params: {
            needId: need.id,
            trace: traceLink(need.id),
            entityType: event.entityType,
            entityId: event.entityId,
          },
          dedupeKey: `${event.kind}.${event.eventKey}.${need.id}`,
        })),
      );
    }
    return created;
  }

  private async set(ctx: RequestContext, needId: string, following: boolean): Promise<boolean> {
    const need = await this.needs.get(ctx, needId, 'needId');
    await this.db.transaction(async (tx) => {
      await setFollowing(tx, need.id, ctx.userId, following, this.clock.now());
      await this.audit.record(ctx, tx, {
        action: following ? 'need.followed' : 'need.unfollowed',
        entityType: 'Need',
        entityId: need.id,
        after: { userId: ctx.userId, following },
      });
    });
    return following;
  }
}
