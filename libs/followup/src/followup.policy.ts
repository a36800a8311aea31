import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type RequestContext, Role, Visibility, type VisibilityScope } from '#core';
import type { Implementation } from './implementation/implementation.entity.js';
import { FollowUpError } from './followup.errors.js';

/**
 * Implementations and their raw answers are internal to the organisation (and node staff): they hold counts
 * of the people cared for and free-text comments. Other members see only the county-wide aggregates of
 * `followUpResults`, never another municipality's rows.
 */
export const FollowUpPolicy = {
  /** The rule as SQL: only the caller's organisation (node staff see all); `alias` has an `organization_id`. */
  visibility(alias: string): VisibilityScope {
    return { published: 'false', ownedBy: [`${alias}.organization_id = :visibilityOrg`] };
  },

  /** Narrows a list to the caller's organisation (node staff see all); `alias` has an `organization_id`. */
  scope<T extends ObjectLiteral>(ctx: RequestContext, qb: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
    return Visibility.scope(ctx, qb, FollowUpPolicy.visibility(alias));
  },

  canSee(ctx: RequestContext, implementation: Pick<Implementation, 'organizationId'>): boolean {
    return Visibility.canSee(ctx, { organizationIds: [implementation.organizationId], published: false });
  },

  assertCanSee(ctx: RequestContext, implementation: Pick<Implementation, 'organizationId'>, field = 'id'): void {
    Visibility.assertCanSee(ctx, { organizationIds: [implementation.organizationId], published: false }, () =>
      FollowUpError.IMPLEMENTATION_NOT_FOUND({ field }),
    );
  },

  /** Coordinators of the organisation, and node staff, record and edit implementations. */
  assertEdits(ctx: RequestContext, organizationId: string): void {
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR);
    Visibility.assertActsFor(ctx, organizationId);
  },

  /** The responsible contact, or a coordinator of the implementation's organisation, answers. */
  assertAnswers(
    ctx: RequestContext,
    implementation: Pick<Implementation, 'organizationId' | 'responsibleUserId'>,
  ): void {
    if (ctx.userId === implementation.responsibleUserId) return;
    ctx.requireRole(Role.MUNICIPALITY_COORDINATOR);
    Visibility.assertActsFor(ctx, implementation.organizationId);
  },

  assertConfiguresIndicators(ctx: RequestContext): void {
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF);
  },
};
