import type { EntityManager } from 'typeorm';
import type { IndicatorDefinition } from './default-indicators.js';

/** The version the next indicator set of a category (null: the default set) gets. */
export async function nextIndicatorSetVersion(tx: EntityManager, categoryId: string | null): Promise<number> {
  const [{ next }] = await tx.query<{ next: number }[]>(
    `SELECT coalesce(max(version), 0)::int + 1 AS next FROM indicator_sets WHERE category_id IS NOT DISTINCT FROM $1`,
    [categoryId],
  );
  return Number(next);
}

/** Whether the default indicator set (no category) exists. */
export async function defaultIndicatorSetExists(tx: EntityManager): Promise<boolean> {
  const rows = await tx.query<{ id: string }[]>(`SELECT id FROM indicator_sets WHERE category_id IS NULL LIMIT 1`);
  return rows.length > 0;
}

/** Inserts version 1 of the default indicator set with its indicators, in their order. */
export async function insertDefaultIndicatorSet(
  tx: EntityManager,
  indicators: readonly IndicatorDefinition[],
): Promise<void> {
  const [set] = await tx.query<{ id: string }[]>(
    `INSERT INTO indicator_sets (category_id, version, created_at) VALUES (NULL, 1, now()) RETURNING id`,
  );
  for (const [index, i] of indicators.entries()) {
    await tx.query(
      `INSERT INTO indicators (indicator_set_id, key, label_sv, label_en, type, unit, required, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [set.id, i.key, i.labelSv, i.labelEn, i.type, i.unit ?? null, i.required, index + 1],
    );
  }
}
