import { randomUUID } from 'node:crypto';
import { NODE_ROLES, Role } from '../auth/role.js';
import { CoreError, type Lang } from '../errors/domain-error.js';
import { LoaderCache } from './loader-cache.js';
import { OrganizationKind } from '../organizations/organization.entity.js';
import type { SignedInUser } from '../auth/authenticator.js';

export interface Actor {
  userId: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  roles: readonly Role[];
  /** True for the worker and the CLI acting on behalf of the system. */
  system?: boolean;
}

/**
 * Who is asking, for which organisation, in which language: the first argument of every service method.
 * Jobs rebuild one with `RequestContext.system(...)`.
 */
export class RequestContext {
  readonly loaders = new LoaderCache();
  /** The client's address as Fastify sees it (honours X-Forwarded-For only behind a trusted proxy). */
  clientAddress = 'unknown';
  /** The user and organisation as read for this request (set by the Authenticator); `me` answers from it. */
  signedIn?: SignedInUser;

  constructor(
    readonly actor: Actor | null,
    readonly requestId: string = randomUUID(),
    readonly lang: Lang = 'sv',
    /**
     * Set when a token was sent but could not be verified (INVALID_TOKEN), or the user behind it could not be
     * read because the database did not answer (UNAVAILABLE): the guard answers accordingly.
     */
    readonly authFailure?: 'INVALID_TOKEN' | 'UNAVAILABLE',
  ) {}

  static anonymous(requestId?: string, lang: Lang = 'sv'): RequestContext {
    return new RequestContext(null, requestId, lang);
  }

  /** A context for the worker or CLI acting for the system (node staff rights, no user id). */
  static system(organizationId: string, requestId = `job-${randomUUID()}`): RequestContext {
    return new RequestContext(
      {
        userId: '00000000-0000-0000-0000-000000000000',
        organizationId,
        organizationKind: OrganizationKind.NODE,
        roles: [Role.NODE_ADMIN],
        system: true,
      },
      requestId,
    );
  }

  static failureOf(authFailure: RequestContext['authFailure']) {
    if (authFailure === 'UNAVAILABLE') return CoreError.DATABASE_UNAVAILABLE();
    return authFailure ? CoreError.INVALID_TOKEN() : CoreError.UNAUTHENTICATED();
  }

  get isAuthenticated(): boolean {
    return this.actor !== null;
  }

  /** The authenticated actor; throws UNAUTHENTICATED when there is none. */
  get user(): Actor {
    if (!this.actor) throw RequestContext.failureOf(this.authFailure);
    return this.actor;
  }

  get userId(): string {
    return this.user.userId;
  }

  get organizationId(): string {
    return this.user.organizationId;
  }

  /** The user id to record as author, or null for the system. */
  get auditUserId(): string | null {
    return this.actor && !this.actor.system ? this.actor.userId : null;
  }

  hasRole(...roles: Role[]): boolean {
    return !!this.actor && roles.some((role) => this.actor!.roles.includes(role));
  }

  get isNodeStaff(): boolean {
    return this.hasRole(...NODE_ROLES);
  }

  requireRole(...roles: Role[]): void {
    if (!this.hasRole(...roles)) throw CoreError.FORBIDDEN({ params: { roles: roles.join(', ') } });
  }

  belongsTo(organizationId: string): boolean {
    return this.actor?.organizationId === organizationId;
  }
}
