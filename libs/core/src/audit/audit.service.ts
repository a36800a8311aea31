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
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? undefined : v))) as Record<
    string,
    unknown
  >;
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

  /** Many entries in one statement (a batch job's steps), through the caller's transaction. */
  async recordMany(tx: EntityManager, entries: readonly { ctx: RequestContext; entry: AuditRecord }[]): Promise<void> {
    if (entries.length === 0) return;
    await tx.query(
      `INSERT INTO audit_log (occurred_at, actor_user_id, actor_organization_id, request_id, action, entity_type, entity_id, before, after)
       SELECT $1, u.actor_user_id, u.actor_organization_id, u.request_id, u.action, u.entity_type, u.entity_id, u.before::jsonb, u.after::jsonb
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS u(actor_user_id, actor_organization_id, request_id, action, entity_type, entity_id, before, after)`,
      [
        this.clock.now(),
        entries.map((e) => e.ctx.auditUserId),
        entries.map((e) => (e.ctx.actor?.system ? null : (e.ctx.actor?.organizationId ?? null))),
        entries.map((e) => e.ctx.requestId),
        entries.map((e) => e.entry.action),
        entries.map((e) => e.entry.entityType),
        entries.map((e) => e.entry.entityId ?? null),
        entries.map((e) => jsonOrNull(snapshot(e.entry.before))),
        entries.map((e) => jsonOrNull(snapshot(e.entry.after))),
      ],
    );
  }
}

function jsonOrNull(value: Record<string, unknown> | null): string | null {
  return value === null ? null : JSON.stringify(value);
}
