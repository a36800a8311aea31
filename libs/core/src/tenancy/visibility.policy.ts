import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { CoreError, type DomainError } from '../errors/domain-error.js';
import type { SqlFragment } from '../database/sql.js';

/**
 * The tenant rule of docs/DOMAIN.md: draft and internal material is visible to its own organisations and node
 * staff; what is published is visible to all members. Nobody sees another organisation's unpublished data.
 */
export interface OwnedResource {
  /** The owning organisation and any others that take part (participants, co-leads). */
  organizationIds: readonly (string | null | undefined)[];
  published: boolean;
}

export interface VisibilityScope {
  /** SQL expression that is true for published rows, e.g. `need.status <> 'NEW'`. */
  published: string;
  /** SQL expressions each true when the row belongs to the organisation bound as `:visibilityOrg`. */
  ownedBy: string[];
}

export const Visibility = {
  canSee(ctx: RequestContext, resource: OwnedResource): boolean {
    if (ctx.isNodeStaff || resource.published) return true;
    const org = ctx.actor?.organizationId;
    return !!org && resource.organizationIds.includes(org);
  },

  /** Unseen rows answer NOT_FOUND, so their existence does not leak. */
  assertCanSee(ctx: RequestContext, resource: OwnedResource, notFound: () => DomainError): void {
    if (!Visibility.canSee(ctx, resource)) throw notFound();
  },

  /** Narrows a list query to what the context may see. Cannot be called without a context. */
  scope<T extends ObjectLiteral>(
    ctx: RequestContext,
    qb: SelectQueryBuilder<T>,
    scope: VisibilityScope,
  ): SelectQueryBuilder<T> {
    if (ctx.isNodeStaff) return qb;
    const org = ctx.user.organizationId;
    return qb.andWhere(
      new Brackets((w) => {
        w.where(scope.published);
        for (const owned of scope.ownedBy) w.orWhere(owned);
      }),
      { visibilityOrg: org },
    );
  },

  /**
   * The same rule as one SQL condition with the caller's organisation as a parameter (for planned lists), or null
   * for node staff, who see everything.
   */
  condition(ctx: RequestContext, scope: VisibilityScope): SqlFragment | null {
    if (ctx.isNodeStaff) return null;
    const strings = [scope.published, ...scope.ownedBy].join(' OR ').split(':visibilityOrg');
    return { strings, values: strings.slice(1).map(() => ctx.user.organizationId) };
  },

  /** Acting for an organisation: its own members with the role, or node staff. */
  assertActsFor(ctx: RequestContext, organizationId: string): void {
    if (ctx.isNodeStaff) return;
    if (ctx.user.organizationId !== organizationId) throw CoreError.FORBIDDEN_ORGANIZATION({ field: 'organizationId' });
  },
};
