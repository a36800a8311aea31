import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import type { RequestContext } from '../context/request-context.js';

export interface AuditRecord {
  /** What happened, as `entity.verb`: `need.reported`, `testProtocol.statusChanged`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
}

const SECRET_KEYS = new Set(['passwordHash', 'password', 'accessToken']);

function snapshot(value: object | null | undefined): Record<string, unknown> | null {
  if (value == null) return null;
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? undefined : v))) as Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  /** Writes the audit entry through the caller's transaction, so it commits or rolls back with the change. */
  async record(ctx: RequestContext, tx: EntityManager, entry: AuditRecord): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (occurred_at, actor_user_id, actor_organization_id, request_id, action, entity_type, entity_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        this.clock.now(),
        ctx.auditUserId,
        ctx.actor?.system ? null : (ctx.actor?.organizationId ?? null),
        ctx.requestId,
        entry.action,
        entry.entityType,
        entry.entityId ?? null,
        snapshot(entry.before),
        snapshot(entry.after),
      ],
    );
  }
}
