import { type RequestContext, Role, Visibility } from '#core';

/** Node staff maintain the catalogue; every member reads it. Coordinators edit their own landscape. */
export const CatalogPolicy = {
  assertMaintains(ctx: RequestContext): void {
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF);
  },

  assertEditsLandscape(ctx: RequestContext, organizationId: string): void {
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR);
    Visibility.assertActsFor(ctx, organizationId);
  },
};
