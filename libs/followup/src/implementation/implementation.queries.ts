import type { EntityManager } from 'typeorm';
import {
  type ListSpec,
  Organization,
  type RequestContext,
  type SortKey,
  type SqlFragment,
  sql,
  Visibility,
} from '#core';
import { Product } from '#catalog';
import { Implementation } from './implementation.entity.js';
import type { ImplementationsArgs } from './dto/implementations.args.js';
import { FollowUpPolicy } from '../followup.policy.js';

/** The implementations page's planned path (see plannedPage): an implementation with its organisation and product. */
export const IMPLEMENTATION_LIST: ListSpec = {
  entity: Implementation,
  alias: 'i',
  relations: {
    organization: {
      entity: Organization,
      alias: 'paged_organization',
      on: 'paged_organization.id = i.organization_id',
    },
    product: { entity: Product, alias: 'paged_product', on: 'paged_product.id = i.product_id' },
  },
};

export const NEWEST_IMPLEMENTATIONS: SortKey<Implementation>[] = [
  { expression: 'i.created_at', direction: 'DESC', value: (i) => i.createdAt },
  { expression: 'i.id', direction: 'DESC', value: (i) => i.id },
];

/** The implementations page's conditions on alias `i`: the policy first, then the filters; every value a parameter. */
export function implementationListWhere(ctx: RequestContext, args: ImplementationsArgs): SqlFragment[] {
  const where: SqlFragment[] = [];
  const visible = Visibility.condition(ctx, FollowUpPolicy.visibility('i'));
  if (visible) where.push(visible);
  if (args.organizationId) where.push(sql`i.organization_id = ${args.organizationId}`);
  if (args.productId) where.push(sql`i.product_id = ${args.productId}`);
  if (args.status) where.push(sql`i.status = ${args.status}`);
  return where;
}

/** The needs an implementation answers. */
export async function implementationNeedIds(tx: EntityManager, implementationId: string): Promise<string[]> {
  const rows = await tx.query<{ needId: string }[]>(
    `SELECT need_id AS "needId" FROM implementation_needs WHERE implementation_id = $1`,
    [implementationId],
  );
  return rows.map((r) => r.needId);
}

/** The implementation answers exactly these needs afterwards. */
export async function replaceImplementationNeeds(
  tx: EntityManager,
  implementationId: string,
  needIds: readonly string[],
): Promise<void> {
  await tx.query(`DELETE FROM implementation_needs WHERE implementation_id = $1`, [implementationId]);
  if (needIds.length) {
    await tx.query(
      `INSERT INTO implementation_needs (implementation_id, need_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [implementationId, [...new Set(needIds)]],
    );
  }
}

/** Whether the user is an active member of the organisation. */
export async function isActiveMember(tx: EntityManager, userId: string, organizationId: string): Promise<boolean> {
  const rows = await tx.query<{ found: number }[]>(
    `SELECT 1 AS found FROM users WHERE id = $1 AND organization_id = $2 AND active`,
    [userId, organizationId],
  );
  return rows.length > 0;
}
