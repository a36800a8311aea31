import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, Clock, type RequestContext } from '#core';
import { NotificationService } from '#notifications';
import { Need } from './need.entity.js';
import { NeedStatusChange } from './need-status-change.entity.js';
import { NeedStatus } from './need.enums.js';

export interface NeedLink {
  /** The later step that caused the change, e.g. `TestProtocol`, `Procurement`, `Implementation`. */
  entityType: string;
  entityId: string;
}

export interface StatusChangeDetails {
  reason?: string | null;
  mergedIntoId?: string | null;
  /** False when the reporter may not see the survivor (another organisation's need not yet triaged). */
  revealMergedInto?: boolean;
  link?: NeedLink | null;
}

/**
 * The one place a need changes status: the row, the history entry, the audit entry and the reporter's
 * notification, all through the caller's transaction (the need row must already be locked).
 * Returns the notification ids to dispatch after commit.
 */
@Injectable()
export class NeedStatusWriter {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  async apply(
    ctx: RequestContext,
    tx: EntityManager,
    need: Need,
    to: NeedStatus,
    details: StatusChangeDetails = {},
  ): Promise<string[]> {
    const before = { status: need.status, statusReason: need.statusReason, mergedIntoId: need.mergedIntoId };
    const from = need.status;
    const now = this.clock.now();
    need.status = to;
    need.statusReason = details.reason ?? null;
    need.statusChangedAt = now;
    need.updatedAt = now;
    need.mergedIntoId = to === NeedStatus.MERGED ? (details.mergedIntoId ?? null) : null;
    if (to === NeedStatus.TRIAGED) need.publishedAt ??= now;
    await tx.update(
      Need,
      { id: need.id },
      {
        status: to,
        statusReason: need.statusReason,
        statusChangedAt: now,
        updatedAt: now,
        mergedIntoId: need.mergedIntoId,
        publishedAt: need.publishedAt,
      },
    );
    const change = tx.create(NeedStatusChange, {
      needId: need.id,
      fromStatus: from,
      toStatus: to,
      reason: need.statusReason,
      changedByUserId: ctx.auditUserId,
      changedAt: now,
      mergedIntoId: need.mergedIntoId,
      linkEntityType: details.link?.entityType ?? null,
      linkEntityId: details.link?.entityId ?? null,
    });
    await tx.insert(NeedStatusChange, change);
    await this.audit.record(ctx, tx, {
      action: to === NeedStatus.MERGED ? 'need.merged' : 'need.statusChanged',
      entityType: 'Need',
      entityId: need.id,
      before,
      after: {
        status: to,
        statusReason: need.statusReason,
        mergedIntoId: need.mergedIntoId,
        link: details.link ?? null,
      },
    });
    // The reason is free text: it stays in-app (params), out of the e-mailed body.
    return this.notifications.notify(tx, {
      recipientUserIds: [need.reporterUserId],
      kind: 'need.statusChanged',
      text: { needTitle: need.title },
      entityType: 'Need',
      entityId: need.id,
      params: {
        needId: need.id,
        fromStatus: from,
        toStatus: to,
        reason: need.statusReason,
        mergedIntoId: details.revealMergedInto === false ? null : need.mergedIntoId,
        link: details.link ?? null,
      },
      dedupeKey: `need.statusChanged.${need.id}.${change.id}`,
    });
  }
}
