import { Injectable } from '@nestjs/common';
import { TokenService } from './token.service.js';
import { SignedInUsers } from './signed-in-users.js';
import { Role } from './role.js';
import { signedInUserRow } from './auth.queries.js';
import { RequestContext } from '../context/request-context.js';
import { Db } from '../database/db.service.js';
import type { Lang } from '../errors/domain-error.js';
import { Organization } from '../organizations/organization.entity.js';
import { User } from '../organizations/user.entity.js';
import type { UserRole } from '../organizations/user-role.entity.js';

/** The user behind a verified token as the database has them now: `me` answers from it without another read. */
export interface SignedInUser {
  user: User;
  organization: Organization;
}

const ROLES = new Set<string>(Object.values(Role));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Builds each request's context: verifies the bearer token, then takes the user as they are now (from this
 * process's cache, which every change empties at once through NOTIFY, else read), so a deactivation or a removed
 * role takes effect on the next request, not when the token expires (issue 11 item 11).
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly db: Db,
    private readonly cache: SignedInUsers,
  ) {}

  async contextFor(
    headers: Record<string, string | string[] | undefined>,
    requestId: string,
    nowSeconds: number,
  ): Promise<RequestContext> {
    const acceptLanguage = String(headers['accept-language'] ?? '').toLowerCase();
    const lang: Lang = acceptLanguage.startsWith('en') ? 'en' : 'sv';
    const token = TokenService.bearerOf(headers);
    if (token === undefined) return new RequestContext(null, requestId, lang);
    const claimed = token ? this.tokens.verify(token, nowSeconds) : null;
    let signedIn: SignedInUser | null;
    try {
      signedIn = claimed && UUID.test(claimed.userId) ? await this.load(claimed.userId) : null;
    } catch {
      // Postgres unreachable or the pool exhausted: public routes (health, ready, login) still answer.
      return new RequestContext(null, requestId, lang, 'UNAVAILABLE');
    }
    if (!signedIn || !signedIn.user.active) return new RequestContext(null, requestId, lang, 'INVALID_TOKEN');
    const { user, organization } = signedIn;
    const ctx = new RequestContext(
      { userId: user.id, organizationId: organization.id, organizationKind: organization.kind, roles: user.roles },
      requestId,
      lang,
    );
    ctx.signedIn = signedIn;
    return ctx;
  }

  private async load(userId: string): Promise<SignedInUser | null> {
    const cached = await this.cache.get(userId);
    if (cached) return cached;
    const generation = this.cache.readStarts();
    const signedIn = await this.read(userId);
    if (signedIn) this.cache.remember(userId, signedIn, generation);
    return signedIn;
  }

  private async read(userId: string): Promise<SignedInUser | null> {
    const row = await signedInUserRow(this.db, userId);
    if (!row) return null;
    const organization = Object.assign(new Organization(), {
      id: row.organizationId,
      kind: row.kind,
      code: row.code,
      name: row.name,
      shortName: row.shortName,
      population: row.population,
      parentId: row.parentId,
      aliases: row.aliases,
      createdAt: row.orgCreatedAt,
      updatedAt: row.orgUpdatedAt,
    });
    const user = Object.assign(new User(), {
      id: row.id,
      organizationId: row.organizationId,
      email: row.email,
      displayName: row.displayName,
      language: row.language,
      active: row.active,
      lastLoginAt: row.lastLoginAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      roleRows: row.roles.filter((role) => ROLES.has(role)).map((role) => ({ userId: row.id, role }) as UserRole),
    });
    return { user, organization };
  }
}
