import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, AuditService, Clock, Db, type OrganizationKind, RequestContext, Role } from '#core';
import { NotificationService } from '#notifications';
import type { IdentityProvider } from './identity-provider.entity.js';
import { SsoRefusal, SsoRefused } from './identity.errors.js';

/** What a provider told us about the person, after the token or assertion was verified. */
export interface VerifiedIdentity {
  provider: IdentityProvider;
  /** OIDC `iss` or SAML IdP entity id. */
  issuer: string;
  /** The stable key within the issuer: `sub`, Entra `oid`, persistent NameID, HSA-id… */
  subject: string;
  email: string | null;
  displayName: string | null;
  organizationNumber: string | null;
  groups: string[];
}

export type SignInOutcome = 'RETURNING' | 'INVITED' | 'JOINED';

const ROLES = new Set<string>(Object.values(Role));

/**
 * Turns a verified identity into a Noden user: the same identity is always the same user (whatever e-mail the
 * provider sends today); an e-mail matches a pending invitation of the provider's organisation once; anyone else
 * joins that organisation with no roles (or the roles the provider's groups map to) and the node admins are told.
 */
@Injectable()
export class ProviderSignInService {
  private readonly logger = new Logger('SSO');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  async signIn(requestId: string, identity: VerifiedIdentity): Promise<{ actor: Actor; outcome: SignInOutcome }> {
    const { provider } = identity;
    const now = this.clock.now();
    const email = identity.email?.trim().toLowerCase() || null;
    const mapped = this.mappedRoles(provider, identity.groups);
    const notificationIds: string[] = [];
    const result = await this.db.transaction(async (tx) => {
      const [linked] = await tx.query<{ id: string; user_id: string; active: boolean }[]>(
        `SELECT i.id, i.user_id, u.active FROM user_identities i JOIN users u ON u.id = i.user_id
          WHERE i.issuer = $1 AND i.subject = $2 FOR UPDATE OF i`,
        [identity.issuer, identity.subject],
      );
      if (linked) {
        if (!linked.active) return { refused: `user ${linked.user_id} is deactivated` };
        await tx.query(`UPDATE user_identities SET last_sign_in_at = $2, email = $3 WHERE id = $1`, [
          linked.id,
          now,
          email,
        ]);
        await this.grant(tx, linked.user_id, mapped, now);
        return this.finish(tx, requestId, linked.user_id, identity, 'RETURNING', now);
      }

      const [invited] = email
        ? await tx.query<{ id: string }[]>(
            `SELECT u.id FROM users u
              WHERE u.organization_id = $1 AND lower(u.email) = $2 AND u.active
                AND u.invited_at IS NOT NULL AND u.invitation_accepted_at IS NULL
                AND (u.invitation_expires_at IS NULL OR u.invitation_expires_at > $3)
                AND NOT EXISTS (SELECT 1 FROM user_identities i WHERE i.user_id = u.id)
              FOR UPDATE`,
            [provider.organizationId, email, now],
          )
        : [];
      if (invited) {
        await tx.query(`UPDATE users SET invitation_accepted_at = $2 WHERE id = $1`, [invited.id, now]);
        await this.link(tx, invited.id, identity, email, now);
        await this.grant(tx, invited.id, mapped, now);
        return this.finish(tx, requestId, invited.id, identity, 'INVITED', now);
      }

      if (!email) return { refused: 'no e-mail claim for a new account', refusal: SsoRefusal.EMAIL_MISSING };
      const [taken] = await tx.query<{ id: string }[]>(`SELECT id FROM users WHERE lower(email) = $1`, [email]);
      if (taken)
        return {
          refused: `e-mail ${email} belongs to user ${taken.id}, who is not linked to this identity and has no pending invitation here`,
          refusal: SsoRefusal.EMAIL_TAKEN,
        };
      const [created] = await tx.query<{ id: string }[]>(
        `INSERT INTO users (organization_id, email, display_name, password_hash, active, created_at, updated_at)
         VALUES ($1, $2, $3, NULL, true, $4, $4) RETURNING id`,
        [provider.organizationId, email, identity.displayName?.trim() || email, now],
      );
      const userId = created.id;
      await this.link(tx, userId, identity, email, now);
      await this.grant(tx, userId, mapped, now);
      const admins = await tx.query<{ id: string }[]>(
        `SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = $1 WHERE u.active`,
        [Role.NODE_ADMIN],
      );
      const name = identity.displayName?.trim() || email;
      notificationIds.push(
        ...(await this.notifications.notify(tx, {
          recipientUserIds: admins.map((a) => a.id),
          kind: mapped.length ? 'user.joinedWithRoles' : 'user.waitingForAccess',
          entityType: 'User',
          entityId: userId,
          params: { name, email, provider: provider.displayName, roles: mapped },
          text: { name, email, provider: provider.displayName, roles: mapped.join(', ') },
          dedupeKey: `user.joined.${userId}`,
        })),
      );
      return this.finish(tx, requestId, userId, identity, 'JOINED', now);
    });
    if ('refused' in result) {
      throw new SsoRefused(result.refusal ?? SsoRefusal.DEACTIVATED, result.refused);
    }
    await this.notifications.dispatch(notificationIds).catch((error: Error) => {
      this.logger.warn({ message: 'notification dispatch failed; the sweep delivers it', error: error.message });
    });
    return result;
  }

  private mappedRoles(provider: IdentityProvider, groups: string[]): Role[] {
    const have = new Set(groups);
    return [
      ...new Set(provider.roleMapping.filter((r) => have.has(r.group) && ROLES.has(r.role)).map((r) => r.role)),
    ].sort();
  }

  private async link(tx: EntityManager, userId: string, identity: VerifiedIdentity, email: string | null, now: Date) {
    await tx.query(
      `INSERT INTO user_identities (user_id, provider_id, issuer, subject, email, created_at, last_sign_in_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      [userId, identity.provider.id, identity.issuer, identity.subject, email, now],
    );
  }

  private async grant(tx: EntityManager, userId: string, roles: Role[], now: Date) {
    if (roles.length)
      await tx.query(
        `INSERT INTO user_roles (user_id, role, granted_at) SELECT $1, r, $3 FROM unnest($2::text[]) AS r ON CONFLICT DO NOTHING`,
        [userId, roles, now],
      );
  }

  private async finish(
    tx: EntityManager,
    requestId: string,
    userId: string,
    identity: VerifiedIdentity,
    outcome: SignInOutcome,
    now: Date,
  ): Promise<{ actor: Actor; outcome: SignInOutcome }> {
    const [row] = await tx.query<[{ organization_id: string; kind: OrganizationKind; roles: Role[] }[], number]>(
      `UPDATE users u SET last_login_at = $2 FROM organizations o WHERE u.id = $1 AND o.id = u.organization_id
       RETURNING u.organization_id, o.kind, ARRAY(SELECT role FROM user_roles WHERE user_id = u.id ORDER BY role) AS roles`,
      [userId, now],
    );
    const user = row[0];
    const actor: Actor = {
      userId,
      organizationId: user.organization_id,
      organizationKind: user.kind,
      roles: user.roles,
    };
    await this.audit.record(new RequestContext(actor, requestId), tx, {
      action:
        outcome === 'JOINED'
          ? 'user.joinedThroughProvider'
          : outcome === 'INVITED'
            ? 'user.invitationAccepted'
            : 'user.loggedIn',
      entityType: 'User',
      entityId: userId,
      after: {
        providerId: identity.provider.id,
        issuer: identity.issuer,
        subject: identity.subject,
        email: identity.email,
        organizationNumber: identity.organizationNumber,
        roles: user.roles,
      },
    });
    return { actor, outcome };
  }
}
