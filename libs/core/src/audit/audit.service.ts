import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { type AuditRow, insertAuditRow, insertAuditRows } from './audit.queries.js';
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
    await insertAuditRow(tx, { occurredAt: this.clock.now(), ...rowOf(ctx, entry) });
  }

  /** Many entries in one statement (a batch job's steps), through the caller's transaction. */
  async recordMany(tx: EntityManager, entries: readonly { ctx: RequestContext; entry: AuditRecord }[]): Promise<void> {
    if (entries.length === 0) return;
    await insertAuditRows(
      tx,
      this.clock.now(),
      entries.map((e) => rowOf(e.ctx, e.entry)),
    );
  }
}

function rowOf(ctx: RequestContext, entry: AuditRecord): Omit<AuditRow, 'occurredAt'> {
  return {
    actorUserId: ctx.auditUserId,
    actorOrganizationId: ctx.actor?.system ? null : (ctx.actor?.organizationId ?? null),
    requestId: ctx.requestId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: snapshot(entry.before),
    after: snapshot(entry.after),
  };
}
