import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, Db } from '#core';
import { SsoRefusal, SsoRefused } from './identity.errors.js';

export const SSO_REQUEST_SECONDS = 600;

export interface PendingRequest {
  providerId: string;
  nonce: string | null;
  codeVerifier: string | null;
  returnTo: string;
}

interface RequestRow {
  provider_id: string;
  browser_binding_hash: string | null;
  nonce: string | null;
  code_verifier: string | null;
  return_to: string;
  expires_at: Date;
  used_at: Date | null;
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The sign-in requests Noden issued, in Postgres so that every api replica knows them: an OIDC `state` (stored
 * hashed, with its nonce and PKCE verifier, bound to the browser that started it) or a SAML request id (for the
 * InResponseTo check). Each is used once; SAML assertion ids are remembered until they expire (replays).
 */
@Injectable()
export class SsoRequestStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async save(
    kind: 'OIDC' | 'SAML',
    key: string,
    request: PendingRequest & { browserBinding: string | null },
  ): Promise<void> {
    const now = this.clock.now();
    await this.db.manager.query(
      `INSERT INTO sso_requests (provider_id, kind, request_key, browser_binding_hash, nonce, code_verifier, return_to, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        request.providerId,
        kind,
        kind === 'OIDC' ? sha256(key) : key,
        request.browserBinding ? sha256(request.browserBinding) : null,
        request.nonce,
        request.codeVerifier,
        request.returnTo,
        now,
        new Date(now.getTime() + SSO_REQUEST_SECONDS * 1000),
      ],
    );
  }

  /**
   * Marks the request used and answers it; refuses an unknown, expired, used or foreign-browser one. The use is
   * committed before anything else happens, so a replayed `state` is refused even if the first exchange failed.
   */
  async consume(
    kind: 'OIDC' | 'SAML',
    key: string,
    providerId: string,
    browserBinding: string | null,
  ): Promise<PendingRequest> {
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<RequestRow[]>(
        `SELECT provider_id, browser_binding_hash, nonce, code_verifier, return_to, expires_at, used_at
           FROM sso_requests WHERE kind = $1 AND request_key = $2 FOR UPDATE`,
        [kind, kind === 'OIDC' ? sha256(key) : key],
      );
      if (!row) return { refused: `${kind} request ${kind === 'OIDC' ? 'state' : 'id'} unknown` };
      if (row.provider_id !== providerId) return { refused: `${kind} request belongs to another provider` };
      if (row.used_at)
        return { refused: `${kind} request already used (replayed ${kind === 'OIDC' ? 'state' : 'InResponseTo'})` };
      await tx.query(`UPDATE sso_requests SET used_at = $3 WHERE kind = $1 AND request_key = $2`, [
        kind,
        kind === 'OIDC' ? sha256(key) : key,
        now,
      ]);
      if (row.expires_at <= now) return { refused: `${kind} request expired at ${row.expires_at.toISOString()}` };
      if (row.browser_binding_hash && (!browserBinding || sha256(browserBinding) !== row.browser_binding_hash))
        return { refused: `${kind} request started in another browser (flow cookie missing or different)` };
      return {
        request: {
          providerId: row.provider_id,
          nonce: row.nonce,
          codeVerifier: row.code_verifier,
          returnTo: row.return_to,
        },
      };
    });
    if ('refused' in outcome) throw new SsoRefused(SsoRefusal.FLOW_INVALID, outcome.refused!);
    return outcome.request;
  }

  /** When a SAML request id still open was issued by Noden, or null (node-saml's InResponseTo check). */
  async openSince(requestId: string): Promise<Date | null> {
    const rows = await this.db.manager.query<{ created_at: Date }[]>(
      `SELECT created_at FROM sso_requests WHERE kind = 'SAML' AND request_key = $1 AND used_at IS NULL AND expires_at > $2`,
      [requestId, this.clock.now()],
    );
    return rows[0]?.created_at ?? null;
  }

  /** Remembers an assertion id until it expires; false when it was seen before (a replay). */
  async firstSighting(issuer: string, assertionId: string, expiresAt: Date): Promise<boolean> {
    const now = this.clock.now();
    await this.db.manager.query(`DELETE FROM sso_assertions_seen WHERE expires_at < $1`, [now]);
    const rows = await this.db.manager.query<unknown[]>(
      `INSERT INTO sso_assertions_seen (issuer, assertion_id, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING assertion_id`,
      [issuer, assertionId, expiresAt > now ? expiresAt : new Date(now.getTime() + SSO_REQUEST_SECONDS * 1000)],
    );
    return rows.length > 0;
  }

  /** Forgets requests that can no longer be used (called on each new request: the table stays small). */
  async prune(): Promise<void> {
    await this.db.manager.query(`DELETE FROM sso_requests WHERE expires_at < $1`, [
      new Date(this.clock.now().getTime() - SSO_REQUEST_SECONDS * 1000),
    ]);
  }
}
