import { type DomainError, type RequestContext, Role, Visibility, type VisibilityScope } from '#core';
import { type Need } from './need/need.entity.js';
import { CoachError, NeedError } from './needs.errors.js';

/**
 * docs/DOMAIN.md "Needs": a need is visible to its own organisation and node staff until the node has triaged it;
 * from then on (`published_at`, set at the first TRIAGED) to all members, whatever its status later, MERGED
 * included. A need declined or merged straight from NEW was never triaged and stays private.
 */
export const NeedPolicy = {
  isPublished(need: Pick<Need, 'publishedAt'>): boolean {
    return need.publishedAt !== null;
  },

  canSee(ctx: RequestContext, need: Pick<Need, 'publishedAt' | 'organizationId'>): boolean {
    return Visibility.canSee(ctx, { organizationIds: [need.organizationId], published: NeedPolicy.isPublished(need) });
  },

  assertCanSee(ctx: RequestContext, need: Pick<Need, 'publishedAt' | 'organizationId'>, field = 'id'): void {
    Visibility.assertCanSee(
      ctx,
      { organizationIds: [need.organizationId], published: NeedPolicy.isPublished(need) },
      () => NeedError.NOT_FOUND({ field }),
    );
  },

  /** The visibility rule as SQL over `needs` aliased `alias`, for list queries (bind `:visibilityOrg`). */
  scope(alias: string): VisibilityScope {
    return { published: `${alias}.published_at IS NOT NULL`, ownedBy: [`${alias}.organization_id = :visibilityOrg`] };
  },

  /** The error for acting on a merged need: it names the survivor only to those who may see it. */
  mergedError(
    ctx: RequestContext,
    survivor: Pick<Need, 'id' | 'publishedAt' | 'organizationId'> | null,
    field: string,
  ): DomainError {
    if (survivor && NeedPolicy.canSee(ctx, survivor))
      return NeedError.MERGED({ field, params: { mergedIntoId: survivor.id } });
    return NeedError.MERGED_INTO_UNTRIAGED({ field });
  },

  /** Triage, status changes and merges are the node's work. */
  assertRunsWorkflow(ctx: RequestContext): void {
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF);
  },
};

/** Coaches: the coach, a coordinator of the coach's organisation, or node staff manage a profile. */
export const CoachPolicy = {
  /** Registering: a TECH_COACH registers themself; a coordinator a user of their organisation; node staff anyone. */
  assertRegisters(ctx: RequestContext, user: { id: string; organizationId: string }): void {
    if (ctx.isNodeStaff || CoachPolicy.coordinates(ctx, user.organizationId)) return;
    if (ctx.userId === user.id && ctx.hasRole(Role.TECH_COACH)) return;
    throw CoachError.FORBIDDEN({ field: 'input.userId' });
  },

  /** An existing profile: the coach themself (whoever registered them), a coordinator of the organisation, node staff. */
  assertManages(ctx: RequestContext, coach: { userId: string; organizationId: string }): void {
    if (ctx.isNodeStaff || ctx.userId === coach.userId || CoachPolicy.coordinates(ctx, coach.organizationId)) return;
    throw CoachError.FORBIDDEN();
  },

  coordinates(ctx: RequestContext, organizationId: string): boolean {
    return ctx.belongsTo(organizationId) && ctx.hasRole(Role.MUNICIPALITY_COORDINATOR);
  },

  /** Activity notes are the organisation's own material: the coach's organisation and node staff read them. */
  canSeeActivities(ctx: RequestContext, coach: { organizationId: string }): boolean {
    return Visibility.canSee(ctx, { organizationIds: [coach.organizationId], published: false });
  },
};
