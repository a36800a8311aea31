import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TokenService } from './token.service.js';
import {
  currentActorRow,
  insertRefreshToken,
  markReplaced,
  refreshTokenFamily,
  refreshTokenForUpdate,
  revokeFamily,
  revokeUserSessions,
} from './auth.queries.js';
import { SessionError } from './session.errors.js';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../clock/clock.js';
import { type Actor, RequestContext } from '../context/request-context.js';
import { Db } from '../database/db.service.js';
import { AuditService } from '../audit/audit.service.js';

export interface IssuedSession {
  accessToken: string;
  expiresAt: Date;
  refreshToken: string;
  /** When the browser should forget the cookie: the end of the session's working day. */
  refreshExpiresAt: Date;
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
        const row = await refreshTokenForUpdate(tx, hash(presented));
        if (!row || row.revokedAt) throw SessionError.ENDED();
        const lostAnswer =
          row.replacedAt !== null &&
          now.getTime() - row.replacedAt.getTime() < this.config.sessionReuseGraceSeconds * 1000;
        if (row.replacedAt && !lostAnswer) {
          await revokeFamily(tx, row.familyId, now, 'REUSE');
          await this.audit.record(new RequestContext(null, requestId), tx, {
            action: 'session.reuseDetected',
            entityType: 'User',
            entityId: row.userId,
            after: { familyId: row.familyId },
          });
          return { reuse: true } as const;
        }
        if (row.expiresAt <= now || row.familyExpiresAt <= now) throw SessionError.ENDED();
        const actor = await this.currentActor(tx, row.userId);
        if (!actor) {
          await revokeUserSessions(tx, row.userId, now, 'USER_DEACTIVATED');
          return { reuse: true } as const;
        }
        if (!lostAnswer) await markReplaced(tx, row.id, now);
        const refresh = await this.insertToken(tx, row.familyId, row.userId, now, row.familyExpiresAt);
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
      const row = await refreshTokenFamily(tx, hash(presented));
      if (!row) return;
      const revoked = await revokeFamily(tx, row.familyId, now, 'LOGOUT');
      if (revoked > 0)
        await this.audit.record(new RequestContext(null, requestId), tx, {
          action: 'user.loggedOut',
          entityType: 'User',
          entityId: row.userId,
        });
    });
  }

  private async insertToken(tx: Db['manager'], familyId: string, userId: string, now: Date, familyExpiresAt: Date) {
    const refreshToken = randomBytes(32).toString('base64url');
    const idleEnd = new Date(now.getTime() + this.config.sessionIdleSeconds * 1000);
    const expiresAt = idleEnd < familyExpiresAt ? idleEnd : familyExpiresAt;
    await insertRefreshToken(tx, {
      familyId,
      userId,
      tokenHash: hash(refreshToken),
      issuedAt: now,
      expiresAt,
      familyExpiresAt,
    });
    return { refreshToken, refreshExpiresAt: expiresAt };
  }

  /** Roles and organisation as they are now (an admin may have changed them); null for a deactivated user. */
  private async currentActor(tx: Db['manager'], userId: string): Promise<Actor | null> {
    const user = await currentActorRow(tx, userId);
    return user
      ? { userId, organizationId: user.organizationId, organizationKind: user.kind, roles: user.roles }
      : null;
  }
}
