import type { Seeder } from '#core';

/** Technology categories from the reference data, matched by key. */
export const catalogSeeder: Seeder = {
  name: 'catalog',
  order: 20,
  async run(tx, data) {
    let inserted = 0;
    let updated = 0;
    for (const [index, category] of data.technologyCategories.entries()) {
      const [row]: { inserted: boolean; changed: boolean }[] = await tx.query(
        `INSERT INTO technology_categories (key, label_sv, label_en, national_priority, examples, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (key) DO UPDATE SET label_sv = EXCLUDED.label_sv, label_en = EXCLUDED.label_en,
           national_priority = EXCLUDED.national_priority, examples = EXCLUDED.examples, sort_order = EXCLUDED.sort_order
         WHERE (technology_categories.label_sv, technology_categories.label_en, technology_categories.national_priority, technology_categories.examples, technology_categories.sort_order)
           IS DISTINCT FROM (EXCLUDED.label_sv, EXCLUDED.label_en, EXCLUDED.national_priority, EXCLUDED.examples, EXCLUDED.sort_order)
         RETURNING (xmax = 0) AS inserted, true AS changed`,
        [category.key, category.sv, category.en, category.nationalPriority ?? false, category.examples ?? [], index + 1],
      );
      if (row?.inserted) inserted++;
      else if (row?.changed) updated++;
    }
    return { inserted, updated };
  },
};
