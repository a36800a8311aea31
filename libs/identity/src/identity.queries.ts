import type { EntityManager } from 'typeorm';
import { type OrganizationKind, returnedRows, type Role } from '#core';
import type { IdentityProviderKind } from './identity-provider.entity.js';

// The SQL of sign-in through an identity provider: linked identities, invitations, accounts created on first
// sign-in, and the SSO requests and assertions Noden has seen. Typed camelCase rows, values as parameters.

/** The identity (issuer, subject) linked to a user, locked for the sign-in. */
export async function linkedIdentityForUpdate(
  tx: EntityManager,
  issuer: string,
  subject: string,
): Promise<{ id: string; userId: string; active: boolean } | undefined> {
  const [row] = await tx.query<{ id: string; userId: string; active: boolean }[]>(
    `SELECT i.id, i.user_id AS "userId", u.active FROM user_identities i JOIN users u ON u.id = i.user_id
      WHERE i.issuer = $1 AND i.subject = $2 FOR UPDATE OF i`,
    [issuer, subject],
  );
  return row;
}

export async function touchIdentity(tx: EntityManager, id: string, at: Date, email: string | null): Promise<void> {
  await tx.query(`UPDATE user_identities SET last_sign_in_at = $2, email = $3 WHERE id = $1`, [id, at, email]);
}

/** An active user of the organisation invited by this e-mail, not yet accepted nor linked, locked. */
export async function openInvitationForUpdate(
  tx: EntityManager,
  organizationId: string,
  email: string,
  now: Date,
): Promise<{ id: string } | undefined> {
  const [row] = await tx.query<{ id: string }[]>(
    `SELECT u.id FROM users u
      WHERE u.organization_id = $1 AND lower(u.email) = $2 AND u.active
        AND u.invited_at IS NOT NULL AND u.invitation_accepted_at IS NULL
        AND (u.invitation_expires_at IS NULL OR u.invitation_expires_at > $3)
        AND NOT EXISTS (SELECT 1 FROM user_identities i WHERE i.user_id = u.id)
      FOR UPDATE`,
    [organizationId, email, now],
  );
  return row;
}

export async function acceptInvitation(tx: EntityManager, userId: string, at: Date): Promise<void> {
  await tx.query(`UPDATE users SET invitation_accepted_at = $2 WHERE id = $1`, [userId, at]);
}

/** The user with this e-mail (lower-cased), if any. */
export async function userIdByEmail(tx: EntityManager, email: string): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }[]>(`SELECT id FROM users WHERE lower(email) = $1`, [email]);
  return row?.id;
}

/** A new active user without a Noden password; answers its id. */
export async function insertSsoUser(
  tx: EntityManager,
  user: { organizationId: string; email: string; displayName: string; at: Date },
): Promise<string> {
  const [created] = await tx.query<{ id: string }[]>(
    `INSERT INTO users (organization_id, email, display_name, password_hash, active, created_at, updated_at)
     VALUES ($1, $2, $3, NULL, true, $4, $4) RETURNING id`,
    [user.organizationId, user.email, user.displayName, user.at],
  );
  return created.id;
}

/** Ids of the active users holding a role. */
export async function activeUserIdsWithRole(tx: EntityManager, role: Role): Promise<string[]> {
  const rows = await tx.query<{ id: string }[]>(
    `SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = $1 WHERE u.active`,
    [role],
  );
  return rows.map((r) => r.id);
}

export async function insertIdentity(
  tx: EntityManager,
  identity: { userId: string; providerId: string; issuer: string; subject: string; email: string | null; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO user_identities (user_id, provider_id, issuer, subject, email, created_at, last_sign_in_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)`,
    [identity.userId, identity.providerId, identity.issuer, identity.subject, identity.email, identity.at],
  );
}

/** Grants the roles the user lacks. */
export async function grantRoles(tx: EntityManager, userId: string, roles: Role[], at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO user_roles (user_id, role, granted_at) SELECT $1, r, $3 FROM unnest($2::text[]) AS r ON CONFLICT DO NOTHING`,
    [userId, roles, at],
  );
}

/** Records the sign-in; answers the user's organisation and roles as they are now. */
export async function recordLogin(
  tx: EntityManager,
  userId: string,
  at: Date,
): Promise<{ organizationId: string; kind: OrganizationKind; roles: Role[] }> {
  const [row] = returnedRows<{ organizationId: string; kind: OrganizationKind; roles: Role[] }>(
    await tx.query(
      `UPDATE users u SET last_login_at = $2 FROM organizations o WHERE u.id = $1 AND o.id = u.organization_id
       RETURNING u.organization_id AS "organizationId", o.kind, ARRAY(SELECT role FROM user_roles WHERE user_id = u.id ORDER BY role) AS roles`,
      [userId, at],
    ),
  );
  return row;
}

// SSO requests and assertions.

export interface SsoRequestRow {
  providerId: string;
  browserBindingHash: string | null;
  nonce: string | null;
  codeVerifier: string | null;
  returnTo: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export async function insertSsoRequest(
  tx: EntityManager,
  request: Omit<SsoRequestRow, 'usedAt'> & { kind: 'OIDC' | 'SAML'; requestKey: string; createdAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO sso_requests (provider_id, kind, request_key, browser_binding_hash, nonce, code_verifier, return_to, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      request.providerId,
      request.kind,
      request.requestKey,
      request.browserBindingHash,
      request.nonce,
      request.codeVerifier,
      request.returnTo,
      request.createdAt,
      request.expiresAt,
    ],
  );
}

export async function ssoRequestForUpdate(
  tx: EntityManager,
  kind: 'OIDC' | 'SAML',
  requestKey: string,
): Promise<SsoRequestRow | undefined> {
  const [row] = await tx.query<SsoRequestRow[]>(
    `SELECT provider_id AS "providerId", browser_binding_hash AS "browserBindingHash", nonce,
            code_verifier AS "codeVerifier", return_to AS "returnTo", expires_at AS "expiresAt", used_at AS "usedAt"
       FROM sso_requests WHERE kind = $1 AND request_key = $2 FOR UPDATE`,
    [kind, requestKey],
  );
  return row;
}

export async function markSsoRequestUsed(
  tx: EntityManager,
  kind: 'OIDC' | 'SAML',
  requestKey: string,
  at: Date,
): Promise<void> {
  await tx.query(`UPDATE sso_requests SET used_at = $3 WHERE kind = $1 AND request_key = $2`, [kind, requestKey, at]);
}

/** When an open SAML request was issued, or null. */
export async function openSamlRequestCreatedAt(tx: EntityManager, requestKey: string, now: Date): Promise<Date | null> {
  const rows = await tx.query<{ createdAt: Date }[]>(
    `SELECT created_at AS "createdAt" FROM sso_requests WHERE kind = 'SAML' AND request_key = $1 AND used_at IS NULL AND expires_at > $2`,
    [requestKey, now],
  );
  return rows[0]?.createdAt ?? null;
}

export async function forgetAssertionsBefore(tx: EntityManager, before: Date): Promise<void> {
  await tx.query(`DELETE FROM sso_assertions_seen WHERE expires_at < $1`, [before]);
}

/** Remembers an assertion id; false when it was already remembered. */
export async function rememberAssertion(
  tx: EntityManager,
  issuer: string,
  assertionId: string,
  expiresAt: Date,
): Promise<boolean> {
  const rows = await tx.query<unknown[]>(
    `INSERT INTO sso_assertions_seen (issuer, assertion_id, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING assertion_id`,
    [issuer, assertionId, expiresAt],
  );
  return rows.length > 0;
}

export async function forgetSsoRequestsBefore(tx: EntityManager, before: Date): Promise<void> {
  await tx.query(`DELETE FROM sso_requests WHERE expires_at < $1`, [before]);
}

// Providers and users.

export interface SignInOptionRow {
  id: string;
  organizationId: string;
  organizationName: string;
  displayName: string;
  kind: IdentityProviderKind;
  localPasswordsAllowed: boolean;
}

/** The enabled providers with their organisation, by organisation and name. */
export function enabledProviders(tx: EntityManager): Promise<SignInOptionRow[]> {
  return tx.query<SignInOptionRow[]>(
    `SELECT p.id, p.organization_id AS "organizationId", o.name AS "organizationName", p.display_name AS "displayName",
            p.kind, o.local_passwords_allowed AS "localPasswordsAllowed"
       FROM identity_providers p JOIN organizations o ON o.id = p.organization_id
      WHERE p.enabled ORDER BY o.name, p.display_name`,
  );
}

/** The user with this e-mail, whether an identity is linked to them, locked. */
export async function userByEmailForUpdate(
  tx: EntityManager,
  email: string,
): Promise<{ id: string; organizationId: string; linked: boolean } | undefined> {
  const [row] = await tx.query<{ id: string; organizationId: string; linked: boolean }[]>(
    `SELECT u.id, u.organization_id AS "organizationId", EXISTS (SELECT 1 FROM user_identities i WHERE i.user_id = u.id) AS linked
       FROM users u WHERE lower(u.email) = $1 FOR UPDATE`,
    [email],
  );
  return row;
}

/** Whether each user has a Noden password, in one statement. */
export function passwordStatus(tx: EntityManager, userIds: string[]): Promise<{ id: string; has: boolean }[]> {
  return tx.query<{ id: string; has: boolean }[]>(
    `SELECT id, password_hash IS NOT NULL AS has FROM users WHERE id = ANY($1::uuid[])`,
    [userIds],
  );
}
