import type { EntityManager } from 'typeorm';

// The SQL of the catalogue's reference data: idempotent upserts by key. Each answers `{ inserted }` when a row was
// written (true: new, false: changed) and undefined when nothing differed. Values as parameters.

type Upserted = { inserted: boolean } | undefined;

export async function upsertCategory(
  tx: EntityManager,
  c: { key: string; sv: string; en: string; nationalPriority: boolean; examples: string[]; sortOrder: number },
): Promise<Upserted> {
  const [row] = await tx.query<{ inserted: boolean }[]>(
    `INSERT INTO technology_categories (key, label_sv, label_en, national_priority, examples, sort_order)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (key) DO UPDATE SET label_sv = EXCLUDED.label_sv, label_en = EXCLUDED.label_en,
       national_priority = EXCLUDED.national_priority, examples = EXCLUDED.examples, sort_order = EXCLUDED.sort_order
     WHERE (technology_categories.label_sv, technology_categories.label_en, technology_categories.national_priority, technology_categories.examples, technology_categories.sort_order)
       IS DISTINCT FROM (EXCLUDED.label_sv, EXCLUDED.label_en, EXCLUDED.national_priority, EXCLUDED.examples, EXCLUDED.sort_order)
     RETURNING (xmax = 0) AS inserted`,
    [c.key, c.sv, c.en, c.nationalPriority, c.examples, c.sortOrder],
  );
  return row;
}

export async function upsertSystemKind(
  tx: EntityManager,
  k: { key: string; sv: string; en: string; sortOrder: number },
): Promise<Upserted> {
  const [row] = await tx.query<{ inserted: boolean }[]>(
    `INSERT INTO system_kinds (key, label_sv, label_en, sort_order) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO UPDATE SET label_sv = EXCLUDED.label_sv, label_en = EXCLUDED.label_en, sort_order = EXCLUDED.sort_order
     WHERE (system_kinds.label_sv, system_kinds.label_en, system_kinds.sort_order) IS DISTINCT FROM (EXCLUDED.label_sv, EXCLUDED.label_en, EXCLUDED.sort_order)
     RETURNING (xmax = 0) AS inserted`,
    [k.key, k.sv, k.en, k.sortOrder],
  );
  return row;
}

export async function upsertStandard(
  tx: EntityManager,
  s: { key: string; name: string; about: string; sortOrder: number },
): Promise<Upserted> {
  const [row] = await tx.query<{ inserted: boolean }[]>(
    `INSERT INTO standards (key, name, about, sort_order) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, about = EXCLUDED.about, sort_order = EXCLUDED.sort_order
     WHERE (standards.name, standards.about, standards.sort_order) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.about, EXCLUDED.sort_order)
     RETURNING (xmax = 0) AS inserted`,
    [s.key, s.name, s.about, s.sortOrder],
  );
  return row;
}
