import type { JWK } from 'jose';
import type { EntityManager } from 'typeorm';
import { RecordType } from '../protocol/record-schemas.js';

// The SQL of receiving a peer's feed: refusals, stored records and their versions, matching to local products and
// systems, and the projection into the domains' tables. Values as parameters; the SQL text varies only with the
// scope's kind and the record types (fixed codes).

/** Names compared across nodes: case, surrounding and repeated spaces ignored (docs/federation.md "Matching"). */
const norm = (sql: string) => `lower(regexp_replace(btrim(${sql}), '\\s+', ' ', 'g'))`;

/** Which federated records a projection statement covers: a list of urns, or every record of one node. */
export type Scope = { urns: string[] } | { origin: string };

const scopeSql = (scope: Scope) => ('urns' in scope ? 'r.urn = ANY($1::text[])' : 'r.origin_node_id = $1') as string;
const scopeParam = (scope: Scope) => ('urns' in scope ? scope.urns : scope.origin);

export interface Refusal {
  seq: number | null;
  reason: string;
  detail: string;
  jws: string;
}

export async function insertRefusals(tx: EntityManager, peer: string, refusals: Refusal[], at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO federation_refusals (peer_node_id, seq, reason, detail, jws, refused_at)
     SELECT $1, * , $6::timestamptz FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[])`,
    [
      peer,
      refusals.map((r) => r.seq),
      refusals.map((r) => r.reason),
      refusals.map((r) => r.detail),
      refusals.map((r) => r.jws),
      at,
    ],
  );
}

export interface ReceivedRecord {
  urn: string;
  type: string;
  recordId: string;
  version: number;
  seq: number;
  schema: string;
  publishedAt: string;
  deleted: boolean;
  /** JSON text, or null for a deletion. */
  data: string | null;
  jws: string;
}

/** Stores the records newer than the versions held (from the same origin); answers the urns stored. */
export async function upsertRecords(
  tx: EntityManager,
  origin: string,
  records: ReceivedRecord[],
  at: Date,
): Promise<string[]> {
  const stored = await tx.query<{ urn: string }[]>(
    `INSERT INTO federated_records (urn, origin_node_id, record_type, record_id, version, seq, schema, published_at, deleted, data, jws, received_at)
     SELECT u.urn, $1, u.type, u.record_id, u.version, u.seq, u.schema, u.published_at, u.deleted, u.data, u.jws, $11::timestamptz
       FROM unnest($2::text[], $3::text[], $4::uuid[], $5::int[], $6::bigint[], $7::text[], $8::timestamptz[], $9::boolean[], $10::jsonb[], $12::text[])
         AS u(urn, type, record_id, version, seq, schema, published_at, deleted, data, jws)
     ON CONFLICT (urn) DO UPDATE SET version = EXCLUDED.version, seq = EXCLUDED.seq, schema = EXCLUDED.schema,
       published_at = EXCLUDED.published_at, deleted = EXCLUDED.deleted, data = EXCLUDED.data, jws = EXCLUDED.jws,
       received_at = EXCLUDED.received_at, local_product_id = NULL, local_system_id = NULL, matched_at = NULL
     WHERE federated_records.version < EXCLUDED.version AND federated_records.origin_node_id = EXCLUDED.origin_node_id
     RETURNING urn`,
    [
      origin,
      records.map((r) => r.urn),
      records.map((r) => r.type),
      records.map((r) => r.recordId),
      records.map((r) => r.version),
      records.map((r) => r.seq),
      records.map((r) => r.schema),
      records.map((r) => r.publishedAt),
      records.map((r) => r.deleted),
      records.map((r) => r.data),
      at,
      records.map((r) => r.jws),
    ],
  );
  return stored.map((s) => s.urn);
}

/** Keeps the raw JWS of every accepted version. */
export async function keepRecordVersions(tx: EntityManager, urns: string[]): Promise<void> {
  await tx.query(
    `INSERT INTO federated_record_versions (urn, version, seq, jws, received_at)
     SELECT urn, version, seq, jws, received_at FROM federated_records WHERE urn = ANY($1::text[])
     ON CONFLICT DO NOTHING`,
    [urns],
  );
}

export async function countReceived(tx: EntityManager, peer: string, accepted: number, refused: number): Promise<void> {
  await tx.query(
    `UPDATE federation_peers SET received_count = received_count + $2, refused_count = refused_count + $3 WHERE node_id = $1`,
    [peer, accepted, refused],
  );
}

/**
 * Finds the local product (supplier + product name + model) and system (vendor + name + kind) each record of the
 * scope is about.
 */
export async function matchRecords(tx: EntityManager, scope: Scope, at: Date): Promise<void> {
  await tx.query(
    `UPDATE federated_records r SET
       local_product_id = (SELECT pr.id FROM products pr JOIN suppliers su ON su.id = pr.supplier_id
                            WHERE ${norm('su.name')} = ${norm("r.data->'product'->>'supplierName'")}
                              AND ${norm('pr.name')} = ${norm("r.data->'product'->>'name'")}
                              AND ${norm("coalesce(pr.model, '')")} = ${norm("coalesce(r.data->'product'->>'model', '')")}
                            ORDER BY pr.created_at, pr.id LIMIT 1),
       local_system_id = CASE WHEN r.record_type = '${RecordType.COMPATIBILITY}' THEN
                           (SELECT s.id FROM systems s JOIN system_kinds k ON k.id = s.kind_id
                             WHERE ${norm('s.vendor_name')} = ${norm("r.data->'system'->>'vendorName'")}
                               AND ${norm('s.name')} = ${norm("r.data->'system'->>'name'")}
                               AND k.key = r.data->'system'->>'kindKey'
                             ORDER BY s.created_at, s.id LIMIT 1) END,
       matched_at = $2::timestamptz
     WHERE ${scopeSql(scope)} AND NOT r.deleted AND jsonb_typeof(r.data->'product') = 'object'`,
    [scopeParam(scope), at],
  );
}

/** Urns of records still waiting for their product or system here (at most 1000, least recently matched first). */
export async function unmatchedRecordUrns(tx: EntityManager): Promise<string[]> {
  const waiting = await tx.query<{ urn: string }[]>(
    `SELECT urn FROM federated_records
      WHERE NOT deleted AND record_type IN ('${RecordType.COMPATIBILITY}', '${RecordType.AGREEMENT_OUTCOME}', '${RecordType.DECISION}')
        AND jsonb_typeof(data->'product') = 'object'
        AND (local_product_id IS NULL OR (record_type = '${RecordType.COMPATIBILITY}' AND local_system_id IS NULL))
      ORDER BY matched_at NULLS FIRST LIMIT 1000`,
  );
  return waiting.map((w) => w.urn);
}

/** Replaces the rows the scope's records show as in the domains' tables; none while the origin is not trusted. */
export async function projectRecords(tx: EntityManager, scope: Scope): Promise<void> {
  const where = scopeSql(scope);
  const param = scopeParam(scope);
  await tx.query(
    `DELETE FROM knowledge_entries e USING federated_records r
      WHERE ${where} AND e.origin_node_id = r.origin_node_id AND e.source_id = r.record_id`,
    [param],
  );
  await tx.query(
    `DELETE FROM compatibility_statements cs USING federated_records r WHERE ${where} AND cs.origin_urn = r.urn`,
    [param],
  );
  const visible = `JOIN federation_peers p ON p.node_id = r.origin_node_id AND p.trusted AND p.in_registry`;
  await tx.query(
    `INSERT INTO knowledge_entries (source, source_id, kind, title, summary, body, source_type, quality_grade, category_id,
                                    organization_id, published, dated_at, origin_node_id, origin_name)
     SELECT 'ARTICLE', r.record_id, r.data->>'kind', r.data->>'title', r.data->>'summary', r.data->>'body',
            r.data->>'sourceType', r.data->>'qualityGrade', c.id, NULL::uuid, true, r.published_at, r.origin_node_id, p.name
       FROM federated_records r ${visible}
       LEFT JOIN technology_categories c ON c.key = r.data->>'categoryKey'
      WHERE ${where} AND r.record_type = '${RecordType.ARTICLE}' AND NOT r.deleted
     UNION ALL
     SELECT 'TEST_DECISION', r.record_id, 'TEST_REPORT', 'Styrgruppens beslut: ' || (r.data->>'title'),
            CASE r.data->>'outcome' WHEN 'RECOMMEND' THEN 'Rekommenderas' WHEN 'RECOMMEND_WITH_CONDITIONS' THEN 'Rekommenderas med villkor'
                                    WHEN 'DO_NOT_RECOMMEND' THEN 'Rekommenderas inte' ELSE 'Testa vidare' END
              || coalesce('. ' || (r.data->>'rationale'), '') || coalesce('. Villkor: ' || (r.data->>'conditions'), ''),
            concat_ws(E'\\n', r.data->>'purpose', r.data->>'expectedBenefit',
              (SELECT string_agg(x->>'comment', E'\\n') FROM jsonb_array_elements(r.data->'results') x WHERE x->>'comment' IS NOT NULL),
              (SELECT string_agg(l, E'\\n') FROM jsonb_array_elements_text(r.data->'lessons') l)),
            'COUNTY_TEST', 'ASSESSED', c.id, NULL::uuid, true, (r.data->>'decidedAt')::timestamptz, r.origin_node_id, p.name
       FROM federated_records r ${visible}
       LEFT JOIN technology_categories c ON c.key = r.data->>'categoryKey'
      WHERE ${where} AND r.record_type = '${RecordType.DECISION}' AND NOT r.deleted`,
    [param],
  );
  await tx.query(
    `INSERT INTO compatibility_statements (product_id, product_versions, system_id, system_versions, status, evidence, note,
                                           source_note, asserted_at, superseded_at, origin_node_id, origin_name, origin_urn)
     SELECT r.local_product_id, r.data->>'productVersions', r.local_system_id, r.data->>'systemVersions', r.data->>'status',
            r.data->>'evidence', r.data->>'note', r.data->>'sourceNote', (r.data->>'assertedAt')::timestamptz,
            (r.data->>'supersededAt')::timestamptz, r.origin_node_id, p.name, r.urn
       FROM federated_records r ${visible}
      WHERE ${where} AND r.record_type = '${RecordType.COMPATIBILITY}' AND NOT r.deleted
        AND r.local_product_id IS NOT NULL AND r.local_system_id IS NOT NULL`,
    [param],
  );
}

// The pull's bookkeeping in federation_peers.

export interface PeerCursor {
  nodeId: string;
  /** bigint as text */
  lastSeq: string;
  failures: number;
  jwks: { keys: JWK[] } | null;
}

/** Trusted peers in the registry, other than this node, whose pull is due. */
export async function duePeerIds(tx: EntityManager, self: string, now: Date): Promise<string[]> {
  const rows = await tx.query<{ nodeId: string }[]>(
    `SELECT node_id AS "nodeId" FROM federation_peers
      WHERE in_registry AND trusted AND node_id <> $1 AND (next_pull_at IS NULL OR next_pull_at <= $2)`,
    [self, now],
  );
  return rows.map((r) => r.nodeId);
}

/** Adds the registry's new nodes, keeps names and counties current, hides removed nodes; answers the changed ids. */
export async function syncPeerRows(
  tx: EntityManager,
  nodes: { id: string; name: string; county: string }[],
): Promise<string[]> {
  const changed = await tx.query<{ nodeId: string }[]>(
    `WITH listed AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS l(node_id, name, county)),
     upserted AS (
       INSERT INTO federation_peers (node_id, name, county, in_registry)
       SELECT node_id, name, county, true FROM listed
       ON CONFLICT (node_id) DO UPDATE SET name = EXCLUDED.name, county = EXCLUDED.county, in_registry = true
         WHERE federation_peers.name IS DISTINCT FROM EXCLUDED.name OR federation_peers.county IS DISTINCT FROM EXCLUDED.county
            OR NOT federation_peers.in_registry
       RETURNING node_id),
     removed AS (
       UPDATE federation_peers SET in_registry = false
        WHERE in_registry AND node_id NOT IN (SELECT node_id FROM listed) RETURNING node_id)
     SELECT node_id AS "nodeId" FROM upserted UNION SELECT node_id FROM removed`,
    [nodes.map((n) => n.id), nodes.map((n) => n.name), nodes.map((n) => n.county)],
  );
  return changed.map((c) => c.nodeId);
}

export async function markPullAttempt(tx: EntityManager, nodeId: string, at: Date): Promise<void> {
  await tx.query(`UPDATE federation_peers SET last_attempt_at = $2 WHERE node_id = $1`, [nodeId, at]);
}

export async function peerCursor(tx: EntityManager, nodeId: string): Promise<PeerCursor> {
  const [row] = await tx.query<PeerCursor[]>(
    `SELECT node_id AS "nodeId", last_seq AS "lastSeq", failures, jwks FROM federation_peers WHERE node_id = $1`,
    [nodeId],
  );
  return row;
}

export async function storePeerKeys(tx: EntityManager, nodeId: string, jwks: { keys: JWK[] }, at: Date): Promise<void> {
  await tx.query(`UPDATE federation_peers SET jwks = $2, jwks_fetched_at = $3 WHERE node_id = $1`, [
    nodeId,
    JSON.stringify(jwks),
    at,
  ]);
}

/** The peer's last sequence number (bigint as text), locked for the page's transaction. */
export async function lockPeerSeq(tx: EntityManager, nodeId: string): Promise<string> {
  const [row] = await tx.query<{ lastSeq: string }[]>(
    `SELECT last_seq AS "lastSeq" FROM federation_peers WHERE node_id = $1 FOR UPDATE`,
    [nodeId],
  );
  return row.lastSeq;
}

export async function advancePeerSeq(tx: EntityManager, nodeId: string, seq: number): Promise<void> {
  await tx.query(`UPDATE federation_peers SET last_seq = $2 WHERE node_id = $1`, [nodeId, seq]);
}

export async function markPullSucceeded(tx: EntityManager, nodeId: string, at: Date, caughtUp: boolean): Promise<void> {
  await tx.query(
    `UPDATE federation_peers SET last_success_at = $2, caught_up_at = CASE WHEN $3 THEN $2 ELSE caught_up_at END,
            failures = 0, next_pull_at = NULL, last_error = NULL WHERE node_id = $1`,
    [nodeId, at, caughtUp],
  );
}

export async function peerFailures(tx: EntityManager, nodeId: string): Promise<number> {
  const [row] = await tx.query<{ failures: number }[]>(`SELECT failures FROM federation_peers WHERE node_id = $1`, [
    nodeId,
  ]);
  return row.failures;
}

export async function markPullFailed(
  tx: EntityManager,
  nodeId: string,
  failure: { error: string; at: Date; nextPullAt: Date },
): Promise<void> {
  await tx.query(
    `UPDATE federation_peers SET failures = failures + 1, last_error = $2, last_error_at = $3, next_pull_at = $4
      WHERE node_id = $1`,
    [nodeId, failure.error, failure.at, failure.nextPullAt],
  );
}
