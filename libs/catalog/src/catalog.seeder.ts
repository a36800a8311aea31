import type { Seeder } from '#core';

/** Technology categories, system kinds and standards from the reference data, matched by key. */
export const catalogSeeder: Seeder = {
  name: 'catalog',
  order: 20,
  async run(tx, data) {
    let inserted = 0;
    let updated = 0;
    const count = (row: { inserted: boolean } | undefined) => {
      if (row?.inserted) inserted++;
      else if (row) updated++;
    };
    for (const [index, category] of data.technologyCategories.entries()) {
      const [row]: { inserted: boolean }[] = await tx.query(
        `INSERT INTO technology_categories (key, label_sv, label_en, national_priority, examples, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (key) DO UPDATE SET label_sv = EXCLUDED.label_sv, label_en = EXCLUDED.label_en,
           national_priority = EXCLUDED.national_priority, examples = EXCLUDED.examples, sort_order = EXCLUDED.sort_order
         WHERE (technology_categories.label_sv, technology_categories.label_en, technology_categories.national_priority, technology_categories.examples, technology_categories.sort_order)
           IS DISTINCT FROM (EXCLUDED.label_sv, EXCLUDED.label_en, EXCLUDED.national_priority, EXCLUDED.examples, EXCLUDED.sort_order)
         RETURNING (xmax = 0) AS inserted`,
        [
          category.key,
          category.sv,
          category.en,
          category.nationalPriority ?? false,
          category.examples ?? [],
          index + 1,
        ],
      );
      count(row);
    }
    for (const [index, kind] of data.systemKinds.entries()) {
      const [row]: { inserted: boolean }[] = await tx.query(
        `INSERT INTO system_kinds (key, label_sv, label_en, sort_order) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET label_sv = EXCLUDED.label_sv, label_en = EXCLUDED.label_en, sort_order = EXCLUDED.sort_order
         WHERE (system_kinds.label_sv, system_kinds.label_en, system_kinds.sort_order) IS DISTINCT FROM (EXCLUDED.label_sv, EXCLUDED.label_en, EXCLUDED.sort_order)
         RETURNING (xmax = 0) AS inserted`,
        [kind.key, kind.sv, kind.en, index + 1],
      );
      count(row);
    }
    for (const [index, standard] of data.standards.entries()) {
      const [row]: { inserted: boolean }[] = await tx.query(
        `INSERT INTO standards (key, name, about, sort_order) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, about = EXCLUDED.about, sort_order = EXCLUDED.sort_order
         WHERE (standards.name, standards.about, standards.sort_order) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.about, EXCLUDED.sort_order)
         RETURNING (xmax = 0) AS inserted`,
        [standard.key, standard.name, standard.about, index + 1],
      );
      count(row);
    }
    return { inserted, updated };
  },
};
