import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type RequestContext, Role, Visibility, type VisibilityScope } from '#core';
import type { Procurement } from './procurement.entity.js';
import { ProcurementError } from './procurement.errors.js';

/**
 * A procurement is published once it was announced for participation (`published_at`, set when it first left
 * PLANNED), whatever its status now: one cancelled while PLANNED stays with its lead organisation and node
 * staff, like a planned one. Node staff and the lead organisation's coordinators run it.
 */
export const ProcurementPolicy = {
  isPublished(procurement: Pick<Procurement, 'publishedAt'>): boolean {
    return procurement.publishedAt !== null;
  },

  /** The visibility rule as SQL over `procurements` aliased `alias`, for list queries (bind `:visibilityOrg`). */
  scope(alias = 'p'): VisibilityScope {
    return {
      published: `${alias}.published_at IS NOT NULL`,
      ownedBy: [`${alias}.lead_organization_id = :visibilityOrg`],
    };
  },

  /** Narrows a list over `procurements p` to what the caller may see. */
  scopeList<T extends ObjectLiteral>(ctx: RequestContext, qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return Visibility.scope(ctx, qb, ProcurementPolicy.scope('p'));
  },

  canSee(ctx: RequestContext, procurement: Pick<Procurement, 'leadOrganizationId' | 'publishedAt'>): boolean {
    return Visibility.canSee(ctx, {
      organizationIds: [procurement.leadOrganizationId],
      published: ProcurementPolicy.isPublished(procurement),
    });
  },

  assertCanSee(ctx: RequestContext, procurement: Procurement, field = 'id'): void {
    Visibility.assertCanSee(
      ctx,
      { organizationIds: [procurement.leadOrganizationId], published: ProcurementPolicy.isPublished(procurement) },
      () => ProcurementError.NOT_FOUND({ field }),
    );
  },

  /** Creating: node staff for any lead organisation, a coordinator for their own. */
  assertMayLead(ctx: RequestContext, leadOrganizationId: string): void {
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR);
    Visibility.assertActsFor(ctx, leadOrganizationId);
  },

  /** Running an existing procurement: node staff, or a coordinator of the lead organisation. */
  assertRuns(ctx: RequestContext, procurement: Procurement, field = 'id'): void {
    ProcurementPolicy.assertCanSee(ctx, procurement, field);
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR);
    Visibility.assertActsFor(ctx, procurement.leadOrganizationId);
  },

  /** A participant's contact is personal data: node staff, the lead organisation and the participant itself. */
  canSeeParticipantContact(ctx: RequestContext, procurement: Procurement, participantOrganizationId: string): boolean {
    return ctx.isNodeStaff || ctx.belongsTo(participantOrganizationId) || ctx.belongsTo(procurement.leadOrganizationId);
  },

  /** Joining, changing a participation, calling off: the organisation's coordinator, or node staff on its behalf. */
  assertActsForParticipant(ctx: RequestContext, organizationId: string): void {
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR);
    Visibility.assertActsFor(ctx, organizationId);
  },
};
