import { type RequestContext, Role, Visibility, type VisibilityScope } from '#core';
import { type Need } from './need/need.entity.js';
import { NeedStatus } from './need/need.enums.js';
import { CoachError, NeedError } from './needs.errors.js';

/**
 * DOMAIN.md "Needs": a NEW need is visible to its own organisation and node staff; once the node has
 * triaged it (any later status, MERGED included) it is visible to all members.
 */
export const NeedPolicy = {
  isPublished(need: Pick<Need, 'status'>): boolean {
    return need.status !== NeedStatus.NEW;
  },

  canSee(ctx: RequestContext, need: Pick<Need, 'status' | 'organizationId'>): boolean {
    return Visibility.canSee(ctx, { organizationIds: [need.organizationId], published: NeedPolicy.isPublished(need) });
  },

  assertCanSee(ctx: RequestContext, need: Pick<Need, 'status' | 'organizationId'>, field = 'id'): void {
    Visibility.assertCanSee(ctx, { organizationIds: [need.organizationId], published: NeedPolicy.isPublished(need) }, () => NeedError.NOT_FOUND({ field }));
  },

  /** For list queries over `needs` aliased `alias`. */
  scope(alias: string): VisibilityScope {
    return { published: `${alias}.status <> 'NEW'`, ownedBy: [`${alias}.organization_id = :visibilityOrg`] };
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
