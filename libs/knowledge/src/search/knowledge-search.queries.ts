import type { EntityManager } from 'typeorm';

/**
 * The query in the `swedish` configuration (inflections: "larmen" → larm), or'ed with the compound parts it
 * contains ("trygghetslarm" → trygghet & larm); entries index their own compound parts the same way.
 */
const QUERY = `(websearch_to_tsquery('swedish', $1) || plainto_tsquery('swedish', knowledge_compound_parts_of($1)))`;
const HEADLINE = `'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'`;

/** The search text as a tsquery, computed once, and whether it has a searchable word. */
export async function searchQueryOf(
  manager: EntityManager,
  text: string,
): Promise<{ searchable: boolean; tsquery: string }> {
  const [row] = await manager.query<{ searchable: boolean; tsquery: string }[]>(
    `SELECT numnode(q) > 0 AS searchable, q::text AS tsquery FROM (SELECT ${QUERY} AS q) query`,
    [text],
  );
  return row;
}

/** The highlighted passages of the entries that match the tsquery, by entry id. */
export async function snippetsOf(manager: EntityManager, ids: string[], tsquery: string): Promise<Map<string, string>> {
  const rows = await manager.query<{ id: string; snippet: string }[]>(
    `SELECT id, ts_headline('swedish', summary || E'\\n' || body, CAST($2 AS tsquery), ${HEADLINE}) AS snippet FROM knowledge_entries WHERE id = ANY($1::uuid[])`,
    [ids, tsquery],
  );
  return new Map(rows.map((r) => [r.id, r.snippet]));
}
