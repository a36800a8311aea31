import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, AuditService, Clock, Db, RequestContext, Role } from '#core';
import { NotificationService } from '#notifications';
import type { IdentityProvider } from './identity-provider.entity.js';
import { SsoRefusal, SsoRefused } from './identity.errors.js';
import {
  acceptInvitation,
  activeUserIdsWithRole,
  grantRoles,
  insertIdentity,
  insertSsoUser,
  linkedIdentityForUpdate,
  openInvitationForUpdate,
  recordLogin,
  touchIdentity,
  userIdByEmail,
} from './identity.queries.js';

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
      const linked = await linkedIdentityForUpdate(tx, identity.issuer, identity.subject);
      if (linked) {
        if (!linked.active) return { refused: `user ${linked.userId} is deactivated` };
        await touchIdentity(tx, linked.id, now, email);
        await this.grant(tx, linked.userId, mapped, now);
        return this.finish(tx, requestId, linked.userId, identity, 'RETURNING', now);
      }

      const invited = email ? await openInvitationForUpdate(tx, provider.organizationId, email, now) : undefined;
      if (invited) {
        await acceptInvitation(tx, invited.id, now);
        await this.link(tx, invited.id, identity, email, now);
        await this.grant(tx, invited.id, mapped, now);
        return this.finish(tx, requestId, invited.id, identity, 'INVITED', now);
      }

      if (!email) return { refused: 'no e-mail claim for a new account', refusal: SsoRefusal.EMAIL_MISSING };
      const taken = await userIdByEmail(tx, email);
      if (taken)
        return {
          refused: `e-mail ${email} belongs to user ${taken}, who is not linked to this identity and has no pending invitation here`,
          refusal: SsoRefusal.EMAIL_TAKEN,
        };
      const userId = await insertSsoUser(tx, {
        organizationId: provider.organizationId,
        email,
        displayName: identity.displayName?.trim() || email,
        at: now,
      });
      await this.link(tx, userId, identity, email, now);
      await this.grant(tx, userId, mapped, now);
      const admins = await activeUserIdsWithRole(tx, Role.NODE_ADMIN);
      const name = identity.displayName?.trim() || email;
      notificationIds.push(
        ...(await this.notifications.notify(tx, {
          recipientUserIds: admins,
          kind: mapped.length ? 'user.joinedWithRoles' : 'user.waitingForAccess',
          entityType: 'User',
          entityId: userId,
          params: { name, email, provider: provider.displayName, roles: mapped },
          text: { name, email, provider: provider.displayName, roles: mapped.join(',') },
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
    await insertIdentity(tx, {
      userId,
      providerId: identity.provider.id,
      issuer: identity.issuer,
      subject: identity.subject,
      email,
      at: now,
    });
  }

  private async grant(tx: EntityManager, userId: string, roles: Role[], now: Date) {
    if (roles.length) await grantRoles(tx, userId, roles, now);
  }

  private async finish(
    tx: EntityManager,
    requestId: string,
    userId: string,
    identity: VerifiedIdentity,
    outcome: SignInOutcome,
    now: Date,
  ): Promise<{ actor: Actor; outcome: SignInOutcome }> {
    const user = await recordLogin(tx, userId, now);
    const actor: Actor = {
      userId,
      organizationId: user.organizationId,
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
