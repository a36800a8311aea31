import type { Seeder } from '#core';
import { DEFAULT_INDICATORS } from './indicators/default-indicators.js';

/** The default indicator set for every category (version 1), inserted once; node staff version it from there. */
export const followUpSeeder: Seeder = {
  name: 'followup',
  order: 60,
  async run(tx) {
    const [existing]: { id: string }[] = await tx.query(
      `SELECT id FROM indicator_sets WHERE category_id IS NULL LIMIT 1`,
    );
    if (existing) return { inserted: 0, updated: 0 };
    const [set]: { id: string }[] = await tx.query(
      `INSERT INTO indicator_sets (category_id, version, created_at) VALUES (NULL, 1, now()) RETURNING id`,
    );
    for (const [index, i] of DEFAULT_INDICATORS.entries()) {
      await tx.query(
        `INSERT INTO indicators (indicator_set_id, key, label_sv, label_en, type, unit, required, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [set.id, i.key, i.labelSv, i.labelEn, i.type, i.unit ?? null, i.required, index + 1],
      );
    }
    return { inserted: 1 + DEFAULT_INDICATORS.length, updated: 0 };
  },
};
