import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityManager } from 'typeorm';

/** Reference data shipped with the repo (`data/`), found from the source tree or from `dist/`. */
export function readReferenceData<T>(fileName: string): T {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    try {
      return JSON.parse(readFileSync(join(dir, 'data', fileName), 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      dir = dirname(dir);
    }
  }
  throw new Error(`Reference data ${fileName} not found in any data/ folder above ${fileURLToPath(import.meta.url)}`);
}

export interface SormlandData {
  county: { code: string; name: string; shortName: string };
  organizations: {
    kind: 'NODE' | 'REGION' | 'MUNICIPALITY' | 'PARTNER';
    code?: string;
    name: string;
    shortName?: string;
    population?: number;
    parent?: string;
    aliases?: string[];
  }[];
  technologyCategories: { key: string; sv: string; en: string; nationalPriority?: boolean; examples?: string[] }[];
  systemKinds: { key: string; sv: string; en: string }[];
  standards: { key: string; name: string; about: string }[];
  settings: { key: string; sv: string }[];
}

/** A seed step: idempotent (running it twice changes nothing), run in order inside one transaction. */
export interface Seeder {
  readonly name: string;
  readonly order: number;
  run(tx: EntityManager, data: SormlandData): Promise<{ inserted: number; updated: number }>;
}

/** Organisations of the deployment, matched by code (or name when there is none). */
export const organizationSeeder: Seeder = {
  name: 'organizations',
  order: 10,
  async run(tx, data) {
    let inserted = 0;
    let updated = 0;
    const idsByName = new Map<string, string>();
    // Parents first, so `parent` can be resolved by name.
    const ordered = [...data.organizations].sort((a, b) => Number(!!a.parent) - Number(!!b.parent));
    for (const org of ordered) {
      const parentId = org.parent ? (idsByName.get(org.parent) ?? null) : null;
      const rows: { id: string; inserted: boolean; changed: boolean }[] = await tx.query(
        `WITH existing AS (
           SELECT id FROM organizations WHERE ($2::text IS NOT NULL AND code = $2) OR ($2::text IS NULL AND name = $3) LIMIT 1
         ), upd AS (
           UPDATE organizations o SET kind = $1, name = $3, short_name = $4, population = $5, parent_id = $6, aliases = $7, updated_at = now()
           FROM existing e WHERE o.id = e.id
             AND (o.kind, o.name, o.short_name, o.population, o.parent_id, o.aliases) IS DISTINCT FROM ($1, $3, $4, $5, $6::uuid, $7::text[])
           RETURNING o.id
         ), ins AS (
           INSERT INTO organizations (kind, code, name, short_name, population, parent_id, aliases)
           SELECT $1, $2, $3, $4, $5, $6, $7 WHERE NOT EXISTS (SELECT 1 FROM existing)
           RETURNING id
         )
         SELECT id, true AS inserted, false AS changed FROM ins
         UNION ALL SELECT id, false, true FROM upd
         UNION ALL SELECT id, false, false FROM existing WHERE id NOT IN (SELECT id FROM upd)`,
        [
          org.kind,
          org.code ?? null,
          org.name,
          org.shortName ?? null,
          org.population ?? null,
          parentId,
          org.aliases ?? [],
        ],
      );
      const row = rows[0];
      idsByName.set(org.name, row.id);
      if (row.inserted) inserted++;
      else if (row.changed) updated++;
    }
    return { inserted, updated };
  },
};
