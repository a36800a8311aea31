import type { Seeder } from '#core';
import { upsertCategory, upsertStandard, upsertSystemKind } from './catalog.queries.js';

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
    for (const [index, category] of data.technologyCategories.entries())
      count(
        await upsertCategory(tx, {
          key: category.key,
          sv: category.sv,
          en: category.en,
          nationalPriority: category.nationalPriority ?? false,
          examples: category.examples ?? [],
          sortOrder: index + 1,
        }),
      );
    for (const [index, kind] of data.systemKinds.entries())
      count(await upsertSystemKind(tx, { key: kind.key, sv: kind.sv, en: kind.en, sortOrder: index + 1 }));
    for (const [index, standard] of data.standards.entries())
      count(
        await upsertStandard(tx, {
          key: standard.key,
          name: standard.name,
          about: standard.about,
          sortOrder: index + 1,
        }),
      );
    return { inserted, updated };
  },
};
