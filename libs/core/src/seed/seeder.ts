import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityManager } from 'typeorm';
import { upsertOrganization } from './seed.queries.js';

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
      const row = await upsertOrganization(tx, {
        kind: org.kind,
        code: org.code ?? null,
        name: org.name,
        shortName: org.shortName ?? null,
        population: org.population ?? null,
        parentId,
        aliases: org.aliases ?? [],
      });
      idsByName.set(org.name, row.id);
      if (row.inserted) inserted++;
      else if (row.changed) updated++;
    }
    return { inserted, updated };
  },
};
