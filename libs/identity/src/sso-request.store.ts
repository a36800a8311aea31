import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, Db } from '#core';
import { SsoRefusal, SsoRefused } from './identity.errors.js';
import {
  forgetAssertionsBefore,
  forgetSsoRequestsBefore,
  insertSsoRequest,
  markSsoRequestUsed,
  openSamlRequestCreatedAt,
  rememberAssertion,
  ssoRequestForUpdate,
} from './identity.queries.js';

export const SSO_REQUEST_SECONDS = 600;

export interface PendingRequest {
  providerId: string;
  nonce: string | null;
  codeVerifier: string | null;
  returnTo: string;
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
    await insertSsoRequest(this.db.manager, {
      providerId: request.providerId,
      kind,
      requestKey: kind === 'OIDC' ? sha256(key) : key,
      browserBindingHash: request.browserBinding ? sha256(request.browserBinding) : null,
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
      returnTo: request.returnTo,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SSO_REQUEST_SECONDS * 1000),
    });
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
      const row = await ssoRequestForUpdate(tx, kind, kind === 'OIDC' ? sha256(key) : key);
      if (!row) return { refused: `${kind} request ${kind === 'OIDC' ? 'state' : 'id'} unknown` };
      if (row.providerId !== providerId) return { refused: `${kind} request belongs to another provider` };
      if (row.usedAt)
        return { refused: `${kind} request already used (replayed ${kind === 'OIDC' ? 'state' : 'InResponseTo'})` };
      await markSsoRequestUsed(tx, kind, kind === 'OIDC' ? sha256(key) : key, now);
      if (row.expiresAt <= now) return { refused: `${kind} request expired at ${row.expiresAt.toISOString()}` };
      if (row.browserBindingHash && (!browserBinding || sha256(browserBinding) !== row.browserBindingHash))
        return { refused: `${kind} request started in another browser (flow cookie missing or different)` };
      return {
        request: {
          providerId: row.providerId,
          nonce: row.nonce,
          codeVerifier: row.codeVerifier,
          returnTo: row.returnTo,
        },
      };
    });
    if ('refused' in outcome) throw new SsoRefused(SsoRefusal.FLOW_INVALID, outcome.refused!);
    return outcome.request;
  }

  /** When a SAML request id still open was issued by Noden, or null (node-saml's InResponseTo check). */
  async openSince(requestId: string): Promise<Date | null> {
    return openSamlRequestCreatedAt(this.db.manager, requestId, this.clock.now());
  }

  /** Remembers an assertion id until it expires; false when it was seen before (a replay). */
  async firstSighting(issuer: string, assertionId: string, expiresAt: Date): Promise<boolean> {
    const now = this.clock.now();
    await forgetAssertionsBefore(this.db.manager, now);
    return rememberAssertion(
      this.db.manager,
      issuer,
      assertionId,
      expiresAt > now ? expiresAt : new Date(now.getTime() + SSO_REQUEST_SECONDS * 1000),
    );
  }

  /** Forgets requests that can no longer be used (called on each new request: the table stays small). */
  async prune(): Promise<void> {
    await forgetSsoRequestsBefore(this.db.manager, new Date(this.clock.now().getTime() - SSO_REQUEST_SECONDS * 1000));
  }
}
