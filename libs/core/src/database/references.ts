import type { EntityManager } from 'typeorm';
import { CoreError } from '../errors/domain-error.js';

/** Tables other domains may link to; a whitelist, because the name goes into SQL. */
export type LinkableTable =
  | 'organizations'
  | 'users'
  | 'technology_categories'
  | 'suppliers'
  | 'products'
  | 'needs'
  | 'test_protocols'
  | 'test_decisions'
  | 'procurements'
  | 'framework_agreements'
  | 'call_offs'
  | 'implementations';

const LINKABLE = new Set<LinkableTable>([
  'organizations',
  'users',
  'technology_categories',
  'suppliers',
  'products',
  'needs',
  'test_protocols',
  'test_decisions',
  'procurements',
  'framework_agreements',
  'call_offs',
  'implementations',
]);

/**
 * Checks that every id exists in `table` (one statement); otherwise NOT_FOUND naming the field.
 * For links across domains where no service of the other domain is at hand.
 */
export async function assertReferencesExist(
  tx: EntityManager,
  table: LinkableTable,
  ids: readonly string[] | null | undefined,
  field: string,
  entity: string,
): Promise<void> {
  const unique = [...new Set((ids ?? []).filter(Boolean))];
  if (unique.length === 0) return;
  if (!LINKABLE.has(table)) throw new Error(`not a linkable table: ${table}`);
  const rows: { id: string }[] = await tx.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [unique]);
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.id));
    const missing = unique.filter((id) => !found.has(id));
    throw CoreError.NOT_FOUND({ field, params: { entity: `${entity} ${missing.join(', ')}` } });
  }
}

/** Escapes LIKE/ILIKE wildcards so a user's `%` or `_` is matched literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
