import type { RequestContext } from '../context/request-context.js';
import type { User } from './user.entity.js';

/**
 * What members see of a person: name and organisation to everyone; the e-mail address only within the
 * person's own organisation and to node staff (it is personal data, and other municipalities have no use for
 * it: they reach people through the node).
 */
export const UserPolicy = {
  canSeeEmail(ctx: RequestContext, user: Pick<User, 'id' | 'organizationId'>): boolean {
    return ctx.isNodeStaff || ctx.belongsTo(user.organizationId);
  },
};
