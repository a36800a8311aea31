import type { SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { Role } from '../auth/role.js';
import { CoreError } from '../errors/domain-error.js';
import type { User } from './user.entity.js';
import type { UsersArgs } from './dto/users.args.js';

/**
 * What members see of people. Name and organisation to everyone; the e-mail address only within the person's
 * own organisation and to node staff (personal data other municipalities have no use for: they reach people
 * through the node). Who may list whom: node admins every user, active or not; node staff the active users of
 * every organisation (they record and follow up for any of them); everyone else the active users of their own
 * organisation, e.g. to choose a colleague as an implementation's contact.
 */
export const UserPolicy = {
  canSeeEmail(ctx: RequestContext, user: Pick<User, 'id' | 'organizationId'>): boolean {
    return ctx.isNodeStaff || ctx.belongsTo(user.organizationId);
  },

  scope(ctx: RequestContext, qb: SelectQueryBuilder<User>, args: UsersArgs, alias = 'u'): SelectQueryBuilder<User> {
    const admin = ctx.hasRole(Role.NODE_ADMIN);
    if (!ctx.isNodeStaff) {
      if (args.organizationId && args.organizationId !== ctx.user.organizationId)
        throw CoreError.FORBIDDEN_ORGANIZATION({ field: 'organizationId' });
      qb.andWhere(`${alias}.organization_id = :ownOrganization`, { ownOrganization: ctx.user.organizationId });
    }
    if (!admin) {
      if (args.active === false) throw CoreError.FORBIDDEN({ field: 'active', params: { roles: Role.NODE_ADMIN } });
      qb.andWhere(`${alias}.active`);
    }
    return qb;
  },
};
