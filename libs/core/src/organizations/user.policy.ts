import type { SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { Role } from '../auth/role.js';
import { CoreError } from '../errors/domain-error.js';
import type { User } from './user.entity.js';
import type { UsersArgs } from './dto/users.args.js';

/**
 * Who may list whom. Node admins: every user, active or not. Node staff: the active users of every organisation
 * (they record and follow up for any of them). Everyone else: the active users of their own organisation,
 * e.g. to choose a colleague as an implementation's contact. Each sees only users whose e-mail they may see
 * (their own organisation's; node staff everyone's), so a search may match the address.
 */
export const UserPolicy = {
  scope(ctx: RequestContext, qb: SelectQueryBuilder<User>, args: UsersArgs, alias = 'u'): SelectQueryBuilder<User> {
    const admin = ctx.hasRole(Role.NODE_ADMIN);
    if (!ctx.isNodeStaff) {
      if (args.organizationId && args.organizationId !== ctx.user.organizationId) throw CoreError.FORBIDDEN_ORGANIZATION({ field: 'organizationId' });
      qb.andWhere(`${alias}.organization_id = :ownOrganization`, { ownOrganization: ctx.user.organizationId });
    }
    if (!admin) {
      if (args.active === false) throw CoreError.FORBIDDEN({ field: 'active', params: { roles: Role.NODE_ADMIN } });
      qb.andWhere(`${alias}.active`);
    }
    return qb;
  },
};
