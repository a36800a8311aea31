import { Injectable } from '@nestjs/common';
import { TokenService } from './token.service.js';
import { SignedInUsers } from './signed-in-users.js';
import { Role } from './role.js';
import { RequestContext } from '../context/request-context.js';
import { Db } from '../database/db.service.js';
import { SqlStatementCounter } from '../database/sql-statement-counter.js';
import type { Lang } from '../errors/domain-error.js';
import { Organization, type OrganizationKind } from '../organizations/organization.entity.js';
import { type Language, User } from '../organizations/user.entity.js';
import type { UserRole } from '../organizations/user-role.entity.js';

/** The user behind a verified token as the database has them now: `me` answers from it without another read. */
export interface SignedInUser {
  user: User;
  organization: Organization;
}

interface SignedInRow {
  id: string;
  email: string;
  display_name: string;
  language: Language;
  active: boolean;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
  roles: Role[];
  organization_id: string;
  kind: OrganizationKind;
  code: string | null;
  name: string;
  short_name: string | null;
  population: number | null;
  parent_id: string | null;
  aliases: string[];
  org_created_at: Date;
  org_updated_at: Date;
}

// One prepared statement per request: the user, whether they are active, their current roles and organisation.
// Never password_hash: that is read by login alone.
const SIGNED_IN_USER = {
  name: 'noden_signed_in_user',
  text: `SELECT u.id, u.email, u.display_name, u.active, u.last_login_at, u.created_at, u.updated_at, u.language,
                ARRAY(SELECT r.role FROM user_roles r WHERE r.user_id = u.id ORDER BY r.role) AS roles,
                u.organization_id, o.kind, o.code, o.name, o.short_name, o.population, o.parent_id, o.aliases,
                o.created_at AS org_created_at, o.updated_at AS org_updated_at
           FROM users u JOIN organizations o ON o.id = u.organization_id
          WHERE u.id = $1`,
};

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
    SqlStatementCounter.count();
    const { rows } = await this.db.pool.query<SignedInRow>({ ...SIGNED_IN_USER, values: [userId] });
    const row = rows[0];
    if (!row) return null;
    const organization = Object.assign(new Organization(), {
      id: row.organization_id,
      kind: row.kind,
      code: row.code,
      name: row.name,
      shortName: row.short_name,
      population: row.population,
      parentId: row.parent_id,
      aliases: row.aliases,
      createdAt: row.org_created_at,
      updatedAt: row.org_updated_at,
    });
    const user = Object.assign(new User(), {
      id: row.id,
      organizationId: row.organization_id,
      email: row.email,
      displayName: row.display_name,
      language: row.language,
      active: row.active,
      lastLoginAt: row.last_login_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      roleRows: row.roles.filter((role) => ROLES.has(role)).map((role) => ({ userId: row.id, role }) as UserRole),
    });
    return { user, organization };
  }
}
