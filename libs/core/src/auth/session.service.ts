import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TokenService } from './token.service.js';
import { revokeUserSessions } from './session-revocation.js';
import { SessionError } from './session.errors.js';
import { Role } from './role.js';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../clock/clock.js';
import { type Actor, RequestContext } from '../context/request-context.js';
import { Db } from '../database/db.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { OrganizationKind } from '../organizations/organization.entity.js';

export interface IssuedSession {
  accessToken: string;
  expiresAt: Date;
  refreshToken: string;
  /** When the browser should forget the cookie: the end of the session's working day. */
  refreshExpiresAt: Date;
}

interface TokenRow {
  id: string;
  family_id: string;
  user_id: string;
  expires_at: Date;
  family_expires_at: Date;
  replaced_at: Date | null;
  revoked_at: Date | null;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Browser sessions: a refresh token (random, stored hashed) per family, replaced on every use. A session ends
 * after SESSION_IDLE_SECONDS without use or SESSION_MAX_SECONDS after sign-in, on logout, on password change,
 * when the user is deactivated, and when a replaced token is presented again (a copy is in someone else's hands)
 * later than SESSION_REUSE_GRACE_SECONDS after its replacement (sooner, the browser lost the answer to a refresh).
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Starts a session for an actor who has just proven their password (AuthService.login). */
  async start(actor: Actor): Promise<IssuedSession> {
    const now = this.clock.now();
    const familyExpiresAt = new Date(now.getTime() + this.config.sessionMaxSeconds * 1000);
    return this.db.transaction(async (tx) => {
      const refresh = await this.insertToken(tx, randomUUID(), actor.userId, now, familyExpiresAt);
      return { ...this.tokens.issue(actor, Math.floor(now.getTime() / 1000)), ...refresh };
    });
  }

  /** Exchanges a refresh token for a new access token and the family's next refresh token. */
  async refresh(presented: string | undefined, requestId: string): Promise<IssuedSession> {
    if (!presented) throw SessionError.ENDED();
    const now = this.clock.now();
    return this.db
      .transaction(async (tx) => {
        const [row] = await tx.query<TokenRow[]>(
          `SELECT id, family_id, user_id, expires_at, family_expires_at, replaced_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
          [hash(presented)],
        );
        if (!row || row.revoked_at) throw SessionError.ENDED();
        const lostAnswer =
          row.replaced_at !== null &&
          now.getTime() - row.replaced_at.getTime() < this.config.sessionReuseGraceSeconds * 1000;
        if (row.replaced_at && !lostAnswer) {
          await tx.query(
            `UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = 'REUSE' WHERE family_id = $1 AND revoked_at IS NULL`,
            [row.family_id, now],
          );
          await this.audit.record(new RequestContext(null, requestId), tx, {
            action: 'session.reuseDetected',
            entityType: 'User',
            entityId: row.user_id,
            after: { familyId: row.family_id },
          });
          return { reuse: true } as const;
        }
        if (row.expires_at <= now || row.family_expires_at <= now) throw SessionError.ENDED();
        const actor = await this.currentActor(tx, row.user_id);
        if (!actor) {
          await revokeUserSessions(tx, row.user_id, now, 'USER_DEACTIVATED');
          return { reuse: true } as const;
        }
        if (!lostAnswer) await tx.query(`UPDATE refresh_tokens SET replaced_at = $2 WHERE id = $1`, [row.id, now]);
        const refresh = await this.insertToken(tx, row.family_id, row.user_id, now, row.family_expires_at);
        return { ...this.tokens.issue(actor, Math.floor(now.getTime() / 1000)), ...refresh };
      })
      .then((result) => {
        // Revocations must commit before the refusal: throwing inside the transaction would roll them back.
        if ('reuse' in result) throw SessionError.ENDED();
        return result;
      });
  }

  /** Ends the session the token belongs to (the whole family); an unknown token is already signed out. */
  async end(presented: string | undefined, requestId: string): Promise<void> {
    if (!presented) return;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const [row] = await tx.query<TokenRow[]>(`SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = $1`, [
        hash(presented),
      ]);
      if (!row) return;
      const [, revoked] = await tx.query<[unknown, number]>(
        `UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = 'LOGOUT' WHERE family_id = $1 AND revoked_at IS NULL`,
        [row.family_id, now],
      );
      if (revoked > 0)
        await this.audit.record(new RequestContext(null, requestId), tx, {
          action: 'user.loggedOut',
          entityType: 'User',
          entityId: row.user_id,
        });
    });
  }

  private async insertToken(tx: Db['manager'], familyId: string, userId: string, now: Date, familyExpiresAt: Date) {
    const refreshToken = randomBytes(32).toString('base64url');
    const idleEnd = new Date(now.getTime() + this.config.sessionIdleSeconds * 1000);
    const expiresAt = idleEnd < familyExpiresAt ? idleEnd : familyExpiresAt;
    await tx.query(
      `INSERT INTO refresh_tokens (family_id, user_id, token_hash, issued_at, expires_at, family_expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [familyId, userId, hash(refreshToken), now, expiresAt, familyExpiresAt],
    );
    return { refreshToken, refreshExpiresAt: expiresAt };
  }

  /** Roles and organisation as they are now (an admin may have changed them); null for a deactivated user. */
  private async currentActor(tx: Db['manager'], userId: string): Promise<Actor | null> {
    const [user] = await tx.query<{ organization_id: string; kind: OrganizationKind; roles: Role[] }[]>(
      `SELECT u.organization_id, o.kind, COALESCE(array_agg(r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
         FROM users u JOIN organizations o ON o.id = u.organization_id LEFT JOIN user_roles r ON r.user_id = u.id
        WHERE u.id = $1 AND u.active GROUP BY u.organization_id, o.kind`,
      [userId],
    );
    return user
      ? { userId, organizationId: user.organization_id, organizationKind: user.kind, roles: user.roles }
      : null;
  }
}
