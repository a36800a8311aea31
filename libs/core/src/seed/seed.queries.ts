import type { EntityManager } from 'typeorm';

// The SQL of the reference-data seed: idempotent upserts. Values as parameters.

export interface SeededOrganization {
  kind: string;
  code: string | null;
  name: string;
  shortName: string | null;
  population: number | null;
  parentId: string | null;
  aliases: string[];
}

/** Inserts the organisation, or updates it when a field differs; matched by code, else by name. */
export async function upsertOrganization(
  tx: EntityManager,
  org: SeededOrganization,
): Promise<{ id: string; inserted: boolean; changed: boolean }> {
  const [row] = await tx.query<{ id: string; inserted: boolean; changed: boolean }[]>(
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
    [org.kind, org.code, org.name, org.shortName, org.population, org.parentId, org.aliases],
  );
  return row;
}
