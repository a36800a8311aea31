import { Injectable } from '@nestjs/common';
import {
  AppConfig,
  AuditService,
  Clock,
  CoreError,
  Db,
  Organization,
  OrganizationKind,
  type RequestContext,
  Role,
  NODE_ROLES,
  User,
  UserRole,
  UserService,
  calendarDate,
} from '#core';
import { NotificationService } from '#notifications';
import { IdentityProvider, IdentityProviderKind, SignInOption } from './identity-provider.entity.js';
import { UserIdentity } from './user-identity.entity.js';
import type {
  CreateIdentityProviderInput,
  IdentityProviderCheck,
  InviteUserInput,
  UpdateIdentityProviderInput,
} from './dto/identity-provider.input.js';
import { IdentityError, SsoRefused } from './identity.errors.js';
import { MetadataProblem, readIdpMetadata } from './saml-metadata.js';
import { OidcFlow, readSecret } from './oidc-flow.js';
import { enabledProviders, passwordStatus, userByEmailForUpdate } from './identity.queries.js';

const INVITATION_DAYS = 30;
const METADATA_TIMEOUT_MS = 10_000;

/** What is audited about a provider: its configuration, never a secret (there is none stored). */
function auditable(p: IdentityProvider) {
  const { metadataXml, idpCertificates, ...rest } = p;
  return {
    ...rest,
    metadataXml: metadataXml ? `(${metadataXml.length} characters)` : null,
    certificates: idpCertificates.length,
  };
}

/** Node admins keep each organisation's identity providers, invitations and whether local passwords are allowed. */
@Injectable()
export class IdentityProviderService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly users: UserService,
    private readonly oidc: OidcFlow,
    readonly appConfig: AppConfig,
    private readonly notifications: NotificationService,
  ) {}

  /** Public: the enabled providers with their organisation, for the sign-in page. */
  async signInOptions(): Promise<SignInOption[]> {
    const rows = await enabledProviders(this.db.manager);
    return rows.map((r) =>
      Object.assign(new SignInOption(), {
        id: r.id,
        organizationId: r.organizationId,
        organizationName: r.organizationName,
        displayName: r.displayName,
        kind: r.kind,
        localPasswordsAllowed: r.localPasswordsAllowed,
      }),
    );
  }

  list(ctx: RequestContext, organizationId?: string | null): Promise<IdentityProvider[]> {
    ctx.requireRole(Role.NODE_ADMIN);
    return this.db.manager.find(IdentityProvider, {
      where: organizationId ? { organizationId } : {},
      order: { displayName: 'ASC', id: 'ASC' },
    });
  }

  /** For the sign-in routes: an enabled provider, or null. */
  findEnabled(id: string): Promise<IdentityProvider | null> {
    return this.db.manager.findOneBy(IdentityProvider, { id, enabled: true });
  }

  async create(ctx: RequestContext, input: CreateIdentityProviderInput): Promise<IdentityProvider> {
    ctx.requireRole(Role.NODE_ADMIN);
    const candidate = Object.assign(new IdentityProvider(), {
      organizationId: input.organizationId,
      kind: input.kind,
      displayName: input.displayName,
      enabled: true,
      scopes: ['openid', 'profile', 'email'],
      subjectClaim: input.kind === IdentityProviderKind.SAML ? 'nameID' : 'sub',
      allowedTenantIds: [],
      idpCertificates: [],
      claimMapping: {},
      roleMapping: [],
      issuer: null,
      clientId: null,
      clientSecretRef: null,
      metadataUrl: null,
      metadataXml: null,
      metadataCertificate: null,
      idpEntityId: null,
      ssoUrl: null,
      sloUrl: null,
    });
    const organization = await this.db.manager.findOneBy(Organization, { id: input.organizationId });
    if (!organization) throw CoreError.NOT_FOUND({ field: 'input.organizationId', params: { entity: 'Organisation' } });
    await this.apply(candidate, input, organization);
    return this.db.transaction(async (tx) => {
      const saved = await tx.save(IdentityProvider, candidate);
      await this.audit.record(ctx, tx, {
        action: 'identityProvider.created',
        entityType: 'IdentityProvider',
        entityId: saved.id,
        after: auditable(saved),
      });
      return saved;
    });
  }

  async update(ctx: RequestContext, input: UpdateIdentityProviderInput): Promise<IdentityProvider> {
    ctx.requireRole(Role.NODE_ADMIN);
    const current = await this.db.manager.findOneBy(IdentityProvider, { id: input.id });
    if (!current) throw IdentityError.PROVIDER_NOT_FOUND({ field: 'input.id' });
    const before = auditable(current);
    const organization = await this.db.manager.findOneByOrFail(Organization, { id: current.organizationId });
    const next = Object.assign(new IdentityProvider(), current);
    await this.apply(next, input, organization);
    if (input.enabled != null) next.enabled = input.enabled;
    const saved = await this.db.transaction(async (tx) => {
      const locked = await tx.findOne(IdentityProvider, {
        where: { id: input.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked) throw IdentityError.PROVIDER_NOT_FOUND({ field: 'input.id' });
      const result = await tx.save(IdentityProvider, next);
      await this.audit.record(ctx, tx, {
        action: 'identityProvider.updated',
        entityType: 'IdentityProvider',
        entityId: result.id,
        before,
        after: auditable(result),
      });
      return result;
    });
    this.oidc.forget(saved.id);
    return saved;
  }

  async disable(ctx: RequestContext, id: string): Promise<IdentityProvider> {
    ctx.requireRole(Role.NODE_ADMIN);
    const saved = await this.db.transaction(async (tx) => {
      const provider = await tx.findOne(IdentityProvider, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!provider) throw IdentityError.PROVIDER_NOT_FOUND({ field: 'id' });
      if (provider.enabled) {
        provider.enabled = false;
        await tx.update(IdentityProvider, { id }, { enabled: false });
        await this.audit.record(ctx, tx, {
          action: 'identityProvider.disabled',
          entityType: 'IdentityProvider',
          entityId: id,
          before: { enabled: true },
          after: { enabled: false },
        });
      }
      return provider;
    });
    this.oidc.forget(id);
    return saved;
  }

  /** Tests a provider's configuration: discovery (OIDC) or metadata (SAML), and that the secret can be read. */
  async check(ctx: RequestContext, id: string): Promise<IdentityProviderCheck> {
    ctx.requireRole(Role.NODE_ADMIN);
    const provider = await this.db.manager.findOneBy(IdentityProvider, { id });
    if (!provider) throw IdentityError.PROVIDER_NOT_FOUND({ field: 'id' });
    const problems: string[] = [];
    let issuerOrEntityId: string | null = null;
    if (provider.kind === IdentityProviderKind.OIDC) {
      if (provider.clientSecretRef && !(await readSecret(provider.clientSecretRef).catch(() => undefined)))
        problems.push(`the client secret (${provider.clientSecretRef}) is empty or cannot be read`);
      this.oidc.forget(provider.id);
      try {
        issuerOrEntityId = (await this.oidc.configuration(provider)).serverMetadata().issuer;
      } catch (error) {
        problems.push(error instanceof SsoRefused ? error.detail : (error as Error).message);
      }
    } else {
      try {
        const metadata = readIdpMetadata(await this.metadataOf(provider), provider.metadataCertificate);
        issuerOrEntityId = metadata.entityId;
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    if (!provider.enabled) problems.push('the provider is disabled');
    const result = { ok: problems.length === 0, problems, issuerOrEntityId };
    await this.db.transaction((tx) =>
      this.audit.record(ctx, tx, {
        action: 'identityProvider.tested',
        entityType: 'IdentityProvider',
        entityId: id,
        after: result,
      }),
    );
    return result;
  }

  async setLocalPasswordsAllowed(ctx: RequestContext, organizationId: string, allowed: boolean): Promise<Organization> {
    ctx.requireRole(Role.NODE_ADMIN);
    return this.db.transaction(async (tx) => {
      const organization = await tx.findOne(Organization, {
        where: { id: organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organization) throw CoreError.NOT_FOUND({ field: 'organizationId', params: { entity: 'Organisation' } });
      if (organization.localPasswordsAllowed !== allowed) {
        await tx.update(Organization, { id: organizationId }, { localPasswordsAllowed: allowed });
        await this.audit.record(ctx, tx, {
          action: 'organization.localPasswordsChanged',
          entityType: 'Organization',
          entityId: organizationId,
          before: { localPasswordsAllowed: organization.localPasswordsAllowed },
          after: { localPasswordsAllowed: allowed },
        });
        organization.localPasswordsAllowed = allowed;
      }
      return organization;
    });
  }

  /**
   * Invites a person by e-mail with roles decided in advance: the account exists at once (no password), and the
   * first sign-in through a provider of that organisation with this e-mail binds to it, once. An existing
   * account of the same organisation that has no linked identity yet can be invited too (to link it).
   */
  async invite(ctx: RequestContext, input: InviteUserInput): Promise<User> {
    ctx.requireRole(Role.NODE_ADMIN);
    const now = this.clock.now();
    let notificationIds: string[] = [];
    const userId = await this.db.transaction(async (tx) => {
      const organization = await tx.findOneBy(Organization, { id: input.organizationId });
      if (!organization)
        throw CoreError.NOT_FOUND({ field: 'input.organizationId', params: { entity: 'Organisation' } });
      this.assertRolesFit(organization, input.roles, 'input.roles');
      const existing = await userByEmailForUpdate(tx, input.email);
      if (existing && (existing.linked || existing.organizationId !== input.organizationId))
        throw IdentityError.INVITATION_EMAIL_TAKEN({ field: 'input.email', params: { email: input.email } });
      const expires = new Date(now.getTime() + INVITATION_DAYS * 86400_000);
      let id: string;
      if (existing) {
        id = existing.id;
        await tx.update(
          User,
          { id },
          {
            invitedAt: now,
            invitationExpiresAt: expires,
            invitationAcceptedAt: null,
            invitedByUserId: ctx.auditUserId,
          },
        );
        await tx.delete(UserRole, { userId: id });
      } else {
        const { identifiers } = await tx.insert(User, {
          email: input.email,
          displayName: input.displayName,
          organizationId: input.organizationId,
          passwordHash: null,
          active: true,
          invitedAt: now,
          invitationExpiresAt: expires,
          invitedByUserId: ctx.auditUserId,
        });
        id = identifiers[0].id as string;
      }
      if (input.roles.length)
        await tx.insert(
          UserRole,
          input.roles.map((role) => ({ userId: id, role, grantedAt: now })),
        );
      // The person hears of it by e-mail (the notification's delivery), in the words of the words catalogue.
      const signInAt = this.appConfig.publicUrl ? `${this.appConfig.publicUrl}/logga-in` : 'Noden';
      notificationIds = await this.notifications.notify(tx, {
        recipientUserIds: [id],
        kind: 'user.invited',
        entityType: 'User',
        entityId: id,
        params: { organizationId: input.organizationId, roles: input.roles },
        text: { organization: organization.name, signInAt, expiresOn: calendarDate(expires) },
        dedupeKey: `user.invited.${id}.${now.toISOString()}`,
      });
      await this.audit.record(ctx, tx, {
        action: 'user.invited',
        entityType: 'User',
        entityId: id,
        after: { email: input.email, organizationId: input.organizationId, roles: input.roles, expiresAt: expires },
      });
      return id;
    });
    // After the commit; should Redis be away, the notification sweep delivers it.
    await this.notifications.dispatch(notificationIds).catch(() => undefined);
    return this.users.get(ctx, userId);
  }

  /** Whether each user has a Noden password, in one statement (the signed-in user is read without the hash). */
  passwordStatusOf(userIds: readonly string[]): Promise<{ id: string; has: boolean }[]> {
    return passwordStatus(this.db.manager, [...userIds]);
  }

  /** Linked identities of many users in one statement (User.identities). */
  identitiesOf(userIds: readonly string[]): Promise<UserIdentity[]> {
    return this.db.manager
      .createQueryBuilder(UserIdentity, 'i')
      .where('i.user_id = ANY(:ids)', { ids: [...userIds] })
      .orderBy('i.created_at', 'ASC')
      .getMany();
  }

  /** Copies the given fields, validates the whole, and reads SAML metadata (entity id, SSO URL, certificates). */
  private async apply(
    target: IdentityProvider,
    input: CreateIdentityProviderInput | UpdateIdentityProviderInput,
    organization: Organization,
  ): Promise<void> {
    for (const key of [
      'displayName',
      'issuer',
      'clientId',
      'clientSecretRef',
      'scopes',
      'subjectClaim',
      'allowedTenantIds',
      'metadataUrl',
      'metadataXml',
      'metadataCertificate',
    ] as const) {
      // Null clears an optional field; for those with a default (name, scopes, key claim, tenants) it keeps it.
      const keepsDefault = ['displayName', 'scopes', 'subjectClaim', 'allowedTenantIds'].includes(key);
      if (input[key] !== undefined && !(keepsDefault && input[key] === null))
        (target as unknown as Record<string, unknown>)[key] = input[key];
    }
    if (input.claimMapping !== undefined)
      target.claimMapping = Object.fromEntries(
        Object.entries(input.claimMapping ?? {}).filter(([, v]) => typeof v === 'string' && v),
      );
    if (input.roleMapping !== undefined) {
      for (const [i, rule] of (input.roleMapping ?? []).entries())
        this.assertRolesFit(organization, [rule.role], `input.roleMapping.${i}.role`);
      target.roleMapping = (input.roleMapping ?? []).map((r) => ({ group: r.group, role: r.role }));
    }
    if (target.kind === IdentityProviderKind.OIDC) {
      if (!target.issuer || !target.clientId || !target.clientSecretRef)
        throw IdentityError.OIDC_FIELDS_REQUIRED({
          field: !target.issuer ? 'input.issuer' : !target.clientId ? 'input.clientId' : 'input.clientSecretRef',
        });
      if (!target.scopes.includes('openid')) target.scopes = ['openid', ...target.scopes];
      return;
    }
    if (!target.metadataUrl && !target.metadataXml)
      throw IdentityError.SAML_METADATA_REQUIRED({ field: 'input.metadataUrl' });
    if (
      input.metadataUrl !== undefined ||
      input.metadataXml !== undefined ||
      input.metadataCertificate !== undefined ||
      !target.ssoUrl
    ) {
      let metadata;
      try {
        metadata = readIdpMetadata(await this.metadataOf(target), target.metadataCertificate);
      } catch (error) {
        const problem = (error as Error).message;
        throw IdentityError.SAML_METADATA_INVALID({
          field: target.metadataXml ? 'input.metadataXml' : 'input.metadataUrl',
          params: { problem, problemEn: problem },
        });
      }
      target.idpEntityId = metadata.entityId;
      target.ssoUrl = metadata.ssoUrl;
      target.sloUrl = metadata.sloUrl;
      target.idpCertificates = metadata.certificates;
    }
  }

  private async metadataOf(provider: IdentityProvider): Promise<string> {
    if (provider.metadataXml) return provider.metadataXml;
    const response = await fetch(provider.metadataUrl!, { signal: AbortSignal.timeout(METADATA_TIMEOUT_MS) }).catch(
      (error: Error) => {
        throw new MetadataProblem(`the metadata URL cannot be reached (${error.message})`);
      },
    );
    if (!response.ok) throw new MetadataProblem(`the metadata URL answered ${response.status}`);
    return response.text();
  }

  private assertRolesFit(organization: Organization, roles: Role[], field: string): void {
    const nodeRole = roles.find((r) => NODE_ROLES.includes(r));
    if (nodeRole && organization.kind !== OrganizationKind.NODE)
      throw IdentityError.ROLE_NOT_FOR_ORGANIZATION({ field, params: { role: nodeRole } });
  }
}
