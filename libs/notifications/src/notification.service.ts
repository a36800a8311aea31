import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AuditService,
  Clock,
  CoreError,
  Db,
  JobQueue,
  type PageArgs,
  paginate,
  type ConnectionResult,
  type RequestContext,
} from '#core';
import { notificationText, type NotificationKind, type WordParams } from '#words';
import { Notification } from './notification.entity.js';
import { insertNotificationRows, insertNotifications } from './notifications.queries.js';
import { DeliverNotificationsJob } from './jobs/deliver-notifications.job.js';

export interface NotificationDraft {
  recipientUserIds: readonly string[];
  /** What happened; its title and body come from the words catalogue (libs/words) in each recipient's language. */
  kind: NotificationKind;
  entityType?: string;
  entityId?: string;
  /** Stored with the notification for clients (ids, codes, free text that stays in-app). */
  params?: Record<string, unknown>;
  /** Only for the words (titles of needs, products...): merged over `params` when the texts are rendered. */
  text?: WordParams;
  /**
   * Identifies the event (e.g. `followUp.opened.<id>.<dueAt>`); with the recipient it is unique, so the
   * same event notifies a person at most once however often the code runs.
   */
  dedupeKey: string;
}

@Injectable()
export class NotificationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  /** Writes notification rows through the caller's transaction. Returns the ids of the rows actually created. */
  async notify(tx: EntityManager, draft: NotificationDraft): Promise<string[]> {
    const recipients = [...new Set(draft.recipientUserIds)];
    if (recipients.length === 0) return [];
    const [sv, en] = [texts(draft, 'sv'), texts(draft, 'en')];
    return insertNotifications(tx, {
      recipients,
      kind: draft.kind,
      sv,
      en,
      entityType: draft.entityType ?? null,
      entityId: draft.entityId ?? null,
      params: draft.params ?? null,
      dedupeKey: draft.dedupeKey,
      createdAt: this.clock.now(),
    });
  }

  /**
   * Many notifications in one statement (a batch of follow-up steps); the same rules as `notify`.
   * Returns the ids of the rows actually created.
   */
  async notifyMany(tx: EntityManager, drafts: readonly NotificationDraft[]): Promise<string[]> {
    const rows = drafts.flatMap((draft) =>
      [...new Set(draft.recipientUserIds)].map((recipient) => ({ recipient, draft })),
    );
    if (rows.length === 0) return [];
    const rendered = new Map(drafts.map((d) => [d, { sv: texts(d, 'sv'), en: texts(d, 'en') }]));
    return insertNotificationRows(
      tx,
      this.clock.now(),
      rows.map(({ recipient, draft }) => ({
        recipient,
        kind: draft.kind,
        ...rendered.get(draft)!,
        entityType: draft.entityType ?? null,
        entityId: draft.entityId ?? null,
        params: draft.params ?? null,
        dedupeKey: draft.dedupeKey,
      })),
    );
  }

  /** After commit: asks the worker to deliver now instead of at its next sweep. Never throws. */
  async dispatch(notificationIds: readonly string[]): Promise<void> {
    if (notificationIds.length > 0)
      await this.jobs.enqueue(DeliverNotificationsJob, { notificationIds: [...notificationIds] });
  }

  mine(ctx: RequestContext, page: PageArgs, unreadOnly: boolean): Promise<ConnectionResult<Notification>> {
    const qb = this.db.manager
      .createQueryBuilder(Notification, 'n')
      .where('n.recipient_user_id = :me', { me: ctx.userId });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    return paginate(qb, page, [
      { expression: 'n.created_at', direction: 'DESC', value: (n) => n.createdAt },
      { expression: 'n.id', direction: 'DESC', value: (n) => n.id },
    ]);
  }

  async markRead(ctx: RequestContext, id: string): Promise<Notification> {
    const notification = await this.db.manager.findOneBy(Notification, { id, recipientUserId: ctx.userId });
    if (!notification) throw CoreError.NOT_FOUND({ field: 'id', params: { entity: 'Notification' } });
    if (!notification.readAt) {
      notification.readAt = this.clock.now();
      await this.db.transaction(async (tx) => {
        await tx.update(Notification, { id }, { readAt: notification.readAt });
        await this.audit.record(ctx, tx, {
          action: 'notification.read',
          entityType: 'Notification',
          entityId: id,
          after: { readAt: notification.readAt },
        });
      });
    }
    return notification;
  }

  async markAllRead(ctx: RequestContext): Promise<number> {
    return this.db.transaction(async (tx) => {
      const readAt = this.clock.now();
      const result = await tx
        .createQueryBuilder()
        .update(Notification)
        .set({ readAt })
        .where('recipient_user_id = :me AND read_at IS NULL', { me: ctx.userId })
        .execute();
      const count = result.affected ?? 0;
      if (count > 0)
        await this.audit.record(ctx, tx, {
          action: 'notification.allRead',
          entityType: 'User',
          entityId: ctx.userId,
          after: { readAt, count },
        });
      return count;
    });
  }
}

/** The draft's title and body in one language: the recipient's, chosen per row in SQL. */
function texts(draft: NotificationDraft, lang: 'sv' | 'en'): { title: string; body: string } {
  return notificationText(lang, draft.kind, { ...(draft.params as WordParams | undefined), ...draft.text });
}
