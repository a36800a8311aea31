import type pg from 'pg';
import type { EntityManager } from 'typeorm';
import type { Role } from './role.js';
import type { Db } from '../database/db.service.js';
import { SqlStatementCounter } from '../database/sql-statement-counter.js';
import type { Language } from '../organizations/user.entity.js';
import type { OrganizationKind } from '../organizations/organization.entity.js';

// The SQL of sign-in: the signed-in user, browser sessions (refresh tokens), login throttling and the listening
// connection that empties the signed-in users' cache. Typed camelCase rows, values as parameters.

export interface SignedInRow {
  id: string;
  email: string;
  displayName: string;
  language: Language;
  active: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  roles: Role[];
  organizationId: string;
  kind: OrganizationKind;
  code: string | null;
  name: string;
  shortName: string | null;
  population: number | null;
  parentId: string | null;
  aliases: string[];
  orgCreatedAt: Date;
  orgUpdatedAt: Date;
}

// One prepared statement per request: the user, whether they are active, their current roles and organisation.
// Never password_hash: that is read by login alone.
const SIGNED_IN_USER = {
  name: 'noden_signed_in_user',
  text: `SELECT u.id, u.email, u.display_name AS "displayName", u.active, u.last_login_at AS "lastLoginAt",
                u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.language,
                ARRAY(SELECT r.role FROM user_roles r WHERE r.user_id = u.id ORDER BY r.role) AS roles,
                u.organization_id AS "organizationId", o.kind, o.code, o.name, o.short_name AS "shortName",
                o.population, o.parent_id AS "parentId", o.aliases,
                o.created_at AS "orgCreatedAt", o.updated_at AS "orgUpdatedAt"
           FROM users u JOIN organizations o ON o.id = u.organization_id
          WHERE u.id = $1`,
};

/** The signed-in user's row, as a named prepared statement on the pool (outside any transaction). */
export async function signedInUserRow(db: Db, userId: string): Promise<SignedInRow | undefined> {
  SqlStatementCounter.count();
  const { rows } = await db.pool.query<SignedInRow>({ ...SIGNED_IN_USER, values: [userId] });
  return rows[0];
}

/** Starts listening on a channel on the given connection (a fixed channel name: LISTEN takes no parameter). */
export async function listenOn(client: pg.Client, channel: string): Promise<void> {
  await client.query(`LISTEN ${channel}`);
}

/** A round trip on the connection: notifications sent before it have been received when it ends. */
export async function roundTrip(client: pg.Client): Promise<void> {
  await client.query('SELECT 1');
}

export type SessionRevocationReason = 'LOGOUT' | 'REUSE' | 'PASSWORD_CHANGED' | 'USER_DEACTIVATED';

export interface RefreshTokenRow {
  id: string;
  familyId: string;
  userId: string;
  expiresAt: Date;
  familyExpiresAt: Date;
  replacedAt: Date | null;
  revokedAt: Date | null;
}

/** Ends every browser session of a user; call inside the transaction that changes the password or deactivates. */
export async function revokeUserSessions(
  tx: EntityManager,
  userId: string,
  at: Date,
  reason: SessionRevocationReason,
): Promise<void> {
  await tx.query(
    `UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL`,
    [userId, at, reason],
  );
}

/** The token with this hash, locked for the rest of the transaction. */
export async function refreshTokenForUpdate(
  tx: EntityManager,
  tokenHash: string,
): Promise<RefreshTokenRow | undefined> {
  const [row] = await tx.query<RefreshTokenRow[]>(
    `SELECT id, family_id AS "familyId", user_id AS "userId", expires_at AS "expiresAt",
            family_expires_at AS "familyExpiresAt", replaced_at AS "replacedAt", revoked_at AS "revokedAt"
       FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
    [tokenHash],
  );
  return row;
}

/** The family and user of the token with this hash. */
export async function refreshTokenFamily(
  tx: EntityManager,
  tokenHash: string,
): Promise<Pick<RefreshTokenRow, 'familyId' | 'userId'> | undefined> {
  const [row] = await tx.query<Pick<RefreshTokenRow, 'familyId' | 'userId'>[]>(
    `SELECT family_id AS "familyId", user_id AS "userId" FROM refresh_tokens WHERE token_hash = $1`,
    [tokenHash],
  );
  return row;
}

const REVOKE_FAMILY = {
  REUSE: `UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = 'REUSE' WHERE family_id = $1 AND revoked_at IS NULL`,
  LOGOUT: `UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = 'LOGOUT' WHERE family_id = $1 AND revoked_at IS NULL`,
};

/** Revokes the family's live tokens; answers how many were live. */
export async function revokeFamily(
  tx: EntityManager,
  familyId: string,
  at: Date,
  reason: 'REUSE' | 'LOGOUT',
): Promise<number> {
  const [, revoked] = await tx.query<[unknown, number]>(REVOKE_FAMILY[reason], [familyId, at]);
  return revoked;
}

export async function markReplaced(tx: EntityManager, id: string, at: Date): Promise<void> {
  await tx.query(`UPDATE refresh_tokens SET replaced_at = $2 WHERE id = $1`, [id, at]);
}

export async function insertRefreshToken(
  tx: EntityManager,
  token: {
    familyId: string;
    userId: string;
    tokenHash: string;
    issuedAt: Date;
    expiresAt: Date;
    familyExpiresAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO refresh_tokens (family_id, user_id, token_hash, issued_at, expires_at, family_expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [token.familyId, token.userId, token.tokenHash, token.issuedAt, token.expiresAt, token.familyExpiresAt],
  );
}

export interface CurrentActorRow {
  organizationId: string;
  kind: OrganizationKind;
  roles: Role[];
}

/** An active user's organisation and roles as they are now; undefined for a deactivated or unknown user. */
export async function currentActorRow(tx: EntityManager, userId: string): Promise<CurrentActorRow | undefined> {
  const [row] = await tx.query<CurrentActorRow[]>(
    `SELECT u.organization_id AS "organizationId", o.kind, COALESCE(array_agg(r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
       FROM users u JOIN organizations o ON o.id = u.organization_id LEFT JOIN user_roles r ON r.user_id = u.id
      WHERE u.id = $1 AND u.active GROUP BY u.organization_id, o.kind`,
    [userId],
  );
  return row;
}

/** One statement per key: a failure outside the window starts a new count; reaching the limit locks. */
export async function recordLoginFailure(
  tx: EntityManager,
  failure: { key: string; at: Date; windowStart: Date; lockUntil: Date; limit: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO login_attempts (key, failures, first_failure_at, locked_until)
     VALUES ($1, 1, $2, CASE WHEN 1 >= $5 THEN $4::timestamptz END)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN login_attempts.first_failure_at < $3 THEN 1 ELSE login_attempts.failures + 1 END,
       first_failure_at = CASE WHEN login_attempts.first_failure_at < $3 THEN $2 ELSE login_attempts.first_failure_at END,
       locked_until = CASE WHEN (CASE WHEN login_attempts.first_failure_at < $3 THEN 1 ELSE login_attempts.failures + 1 END) >= $5
                           THEN $4::timestamptz ELSE login_attempts.locked_until END`,
    [failure.key, failure.at, failure.windowStart, failure.lockUntil, failure.limit],
  );
}
