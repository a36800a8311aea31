import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, Clock, Db, type RequestContext } from '#core';
import type { NotificationKind, WordParams } from '#words';
import { NotificationService } from '#notifications';
import { NeedService } from './need.service.js';

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
    await tx.query(
      `INSERT INTO need_followers (need_id, user_id, following, changed_at) VALUES ($1, $2, true, $3) ON CONFLICT DO NOTHING`,
      [needId, userId, this.clock.now()],
    );
  }

  /**
   * Whoever follows the duplicate (its reporter unless they unfollowed it, and its followers) follows the survivor,
   * so the merge does not cut them off from what becomes of the need. A choice already made on the survivor stands.
   */
  async moveOnMerge(tx: EntityManager, duplicateId: string, survivorId: string): Promise<void> {
    await tx.query(
      `INSERT INTO need_followers (need_id, user_id, following, changed_at)
       SELECT $2::uuid, f.user_id, true, $3::timestamptz FROM need_followers f WHERE f.need_id = $1 AND f.following
       UNION
       SELECT $2::uuid, d.reporter_user_id, true, $3::timestamptz FROM needs d
        WHERE d.id = $1 AND NOT EXISTS (SELECT 1 FROM need_followers f WHERE f.need_id = d.id AND f.user_id = d.reporter_user_id)
       ON CONFLICT DO NOTHING`,
      [duplicateId, survivorId, this.clock.now()],
    );
  }

  /** Whether the caller is told about the need's thread: an explicit choice, or being its reporter. */
  async isFollowing(ctx: RequestContext, needId: string, reporterUserId: string): Promise<boolean> {
    const choice = await ctx.loaders
      .byKey<string, { need_id: string; following: boolean }>(
        'needFollowedByMe',
        (ids) =>
          this.db.manager.query(
            `SELECT need_id, following FROM need_followers WHERE user_id = $1 AND need_id = ANY($2::uuid[])`,
            [ctx.userId, [...ids]],
          ),
        (row) => row.need_id,
      )
      .load(needId);
    return choice ? choice.following : reporterUserId === ctx.userId;
  }

  /** Writes one notification per follower and need through the caller's transaction; returns their ids to dispatch. */
  async tell(tx: EntityManager, needIds: readonly string[], event: NeedThreadEvent): Promise<string[]> {
    if (needIds.length === 0) return [];
    const rows: { id: string; title: string; recipients: string[] }[] = await tx.query(
      `SELECT n.id, n.title,
              array(SELECT n.reporter_user_id WHERE NOT EXISTS (SELECT 1 FROM need_followers f WHERE f.need_id = n.id AND f.user_id = n.reporter_user_id AND NOT f.following)
                    UNION SELECT f.user_id FROM need_followers f JOIN users u ON u.id = f.user_id WHERE f.need_id = n.id AND f.following AND u.active) AS recipients
       FROM needs n WHERE n.id = ANY($1::uuid[]) AND n.status <> 'MERGED'`,
      [[...new Set(needIds)]],
    );
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
      await tx.query(
        `INSERT INTO need_followers (need_id, user_id, following, changed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (need_id, user_id) DO UPDATE SET following = EXCLUDED.following, changed_at = EXCLUDED.changed_at`,
        [need.id, ctx.userId, following, this.clock.now()],
      );
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
