import type { EntityManager } from 'typeorm';
import { returnedRows } from '#core';

// The SQL of the outbox: notification rows written in the caller's transaction, their e-mail claimed and marked by
// the worker. Typed camelCase rows, values as parameters.

interface Texts {
  title: string;
  body: string;
}

/** One event for many recipients: each row in the recipient's language, at most once per dedupe key. */
export interface NotificationInsert {
  recipients: string[];
  kind: string;
  sv: Texts;
  en: Texts;
  entityType: string | null;
  entityId: string | null;
  params: Record<string, unknown> | null;
  dedupeKey: string;
  createdAt: Date;
}

/** Answers the ids of the rows actually created. */
export async function insertNotifications(tx: EntityManager, n: NotificationInsert): Promise<string[]> {
  const rows = await tx.query<{ id: string }[]>(
    `INSERT INTO notifications (recipient_user_id, kind, title, body, entity_type, entity_id, params, dedupe_key, created_at, email_status)
     SELECT r, $2, CASE WHEN u.language = 'en' THEN $10 ELSE $3 END, CASE WHEN u.language = 'en' THEN $11 ELSE $4 END,
            $5, $6, $7, $8::text || '.' || r::text, $9, 'PENDING'
       FROM unnest($1::uuid[]) AS r LEFT JOIN users u ON u.id = r
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [
      n.recipients,
      n.kind,
      n.sv.title,
      n.sv.body,
      n.entityType,
      n.entityId,
      n.params,
      n.dedupeKey,
      n.createdAt,
      n.en.title,
      n.en.body,
    ],
  );
  return rows.map((r) => r.id);
}

/** One row per recipient and event, for many events in one statement. */
export interface NotificationRowInsert {
  recipient: string;
  kind: string;
  sv: Texts;
  en: Texts;
  entityType: string | null;
  entityId: string | null;
  params: Record<string, unknown> | null;
  dedupeKey: string;
}

/** Answers the ids of the rows actually created. */
export async function insertNotificationRows(
  tx: EntityManager,
  createdAt: Date,
  rows: readonly NotificationRowInsert[],
): Promise<string[]> {
  const inserted = await tx.query<{ id: string }[]>(
    `INSERT INTO notifications (recipient_user_id, kind, title, body, entity_type, entity_id, params, dedupe_key, created_at, email_status)
     SELECT r.recipient, r.kind, CASE WHEN u.language = 'en' THEN r.title_en ELSE r.title END,
            CASE WHEN u.language = 'en' THEN r.body_en ELSE r.body END,
            r.entity_type, r.entity_id, r.params::jsonb, r.dedupe_key || '.' || r.recipient::text, $1, 'PENDING'
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[])
         AS r(recipient, kind, title, body, entity_type, entity_id, params, dedupe_key, title_en, body_en)
       LEFT JOIN users u ON u.id = r.recipient
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [
      createdAt,
      rows.map((r) => r.recipient),
      rows.map((r) => r.kind),
      rows.map((r) => r.sv.title),
      rows.map((r) => r.sv.body),
      rows.map((r) => r.entityType),
      rows.map((r) => r.entityId),
      rows.map((r) => (r.params ? JSON.stringify(r.params) : null)),
      rows.map((r) => r.dedupeKey),
      rows.map((r) => r.en.title),
      rows.map((r) => r.en.body),
    ],
  );
  return inserted.map((r) => r.id);
}

/** E-mails claimed per statement (fixed SQL text, not a value). */
export const EMAIL_BATCH = 500;

/** A notification whose e-mail the worker has claimed. */
export interface ClaimedEmail {
  id: string;
  title: string;
  body: string;
  /** Null when the recipient is deactivated. */
  email: string | null;
  emailAttempts: number;
  /** The recipient's chosen language: the title and body were written in it. */
  language: string;
}

/** Claims a batch of pending e-mails (and stale claims), oldest first, skipping rows another worker holds. */
export async function claimEmails(
  tx: EntityManager,
  claim: { now: Date; staleClaim: Date; onlyIds: string[] | null },
): Promise<ClaimedEmail[]> {
  return returnedRows<ClaimedEmail>(
    await tx.query(
      `UPDATE notifications n SET email_status = 'SENDING', email_claimed_at = $1, email_attempts = n.email_attempts + 1
       FROM users u
       WHERE n.id IN (
         SELECT id FROM notifications
         WHERE (email_status = 'PENDING' OR (email_status = 'SENDING' AND email_claimed_at < $2))
           AND ($3::uuid[] IS NULL OR id = ANY($3))
         ORDER BY created_at LIMIT ${EMAIL_BATCH} FOR UPDATE SKIP LOCKED)
         AND u.id = n.recipient_user_id
       RETURNING n.id, n.title, n.body, CASE WHEN u.active THEN u.email END AS email, n.email_attempts AS "emailAttempts", u.language`,
      [claim.now, claim.staleClaim, claim.onlyIds],
    ),
  );
}

export async function markEmailsSkipped(tx: EntityManager, ids: string[]): Promise<void> {
  await tx.query(
    `UPDATE notifications SET email_status = 'SKIPPED', email_claimed_at = NULL WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

export async function markEmail(tx: EntityManager, id: string, status: string, emailedAt: Date | null): Promise<void> {
  await tx.query(`UPDATE notifications SET email_status = $2, emailed_at = $3, email_claimed_at = NULL WHERE id = $1`, [
    id,
    status,
    emailedAt,
  ]);
}

/** E-mails pending or being sent, and the creation time of the oldest. */
export async function pendingEmails(tx: EntityManager): Promise<{ pending: number; oldest: Date | null }> {
  const [row] = await tx.query<{ pending: number; oldest: Date | null }[]>(
    `SELECT count(*)::int AS pending, min(created_at) AS oldest
       FROM notifications WHERE email_status IN ('PENDING', 'SENDING')`,
  );
  return row;
}
