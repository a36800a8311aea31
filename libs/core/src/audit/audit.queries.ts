import type { EntityManager } from 'typeorm';

// The SQL of the audit log: entries written through the caller's transaction. Values as parameters.

/** An audit_log row as written (JSON snapshots already taken). */
export interface AuditRow {
  occurredAt: Date;
  actorUserId: string | null;
  actorOrganizationId: string | null;
  requestId: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export async function insertAuditRow(tx: EntityManager, row: AuditRow): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (occurred_at, actor_user_id, actor_organization_id, request_id, action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      row.occurredAt,
      row.actorUserId,
      row.actorOrganizationId,
      row.requestId,
      row.action,
      row.entityType,
      row.entityId,
      row.before,
      row.after,
    ],
  );
}

/** Many entries in one statement, all at the same time. */
export async function insertAuditRows(
  tx: EntityManager,
  occurredAt: Date,
  rows: readonly Omit<AuditRow, 'occurredAt'>[],
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (occurred_at, actor_user_id, actor_organization_id, request_id, action, entity_type, entity_id, before, after)
     SELECT $1, u.actor_user_id, u.actor_organization_id, u.request_id, u.action, u.entity_type, u.entity_id, u.before::jsonb, u.after::jsonb
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS u(actor_user_id, actor_organization_id, request_id, action, entity_type, entity_id, before, after)`,
    [
      occurredAt,
      rows.map((r) => r.actorUserId),
      rows.map((r) => r.actorOrganizationId),
      rows.map((r) => r.requestId),
      rows.map((r) => r.action),
      rows.map((r) => r.entityType),
      rows.map((r) => r.entityId),
      rows.map((r) => jsonOrNull(r.before)),
      rows.map((r) => jsonOrNull(r.after)),
    ],
  );
}

function jsonOrNull(value: Record<string, unknown> | null): string | null {
  return value === null ? null : JSON.stringify(value);
}
