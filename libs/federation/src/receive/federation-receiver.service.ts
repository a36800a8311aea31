import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, MetricsService } from '#core';
import { VersionRange } from '#catalog';
import type { Registry, RegistryNode } from '../keys/registry.js';
import { parseUrn, RecordType, type RecordPayload } from '../protocol/record-schemas.js';
import { type KeyLookup, RefusalReason, verifyRecord } from './verify-record.js';

export interface PageOutcome {
  accepted: number;
  unchanged: number;
  refused: { reason: RefusalReason; detail: string }[];
}

/** Names compared across nodes: case, surrounding and repeated spaces ignored (docs/federation.md "Matching"). */
const norm = (sql: string) => `lower(regexp_replace(btrim(${sql}), '\\s+', ' ', 'g'))`;

/** Which federated records a projection statement covers: a list of urns, or every record of one node. */
export type Scope = { urns: string[] } | { origin: string };

const scopeSql = (scope: Scope) => ('urns' in scope ? 'r.urn = ANY($1::text[])' : 'r.origin_node_id = $1') as string;
const scopeParam = (scope: Scope) => ('urns' in scope ? scope.urns : scope.origin);

/**
 * Stores what a peer's feed holds, after the receipt checks: a version newer than the one held replaces it (the
 * raw JWS of every accepted version is kept), anything else changes nothing. Then it projects the records into
 * the domains' own tables with their origin (knowledge entries, compatibility statements), only while the origin
 * is in the registry and trusted.
 */
@Injectable()
export class FederationReceiver {
  private readonly records;

  constructor(
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.records = metrics.counter({
      name: 'noden_federation_records_total',
      help: "Records pulled from other counties' nodes, by peer and outcome (accepted, unchanged, or the refusal reason)",
      labelNames: ['peer', 'outcome'],
    });
  }

  async receivePage(
    tx: EntityManager,
    origin: RegistryNode,
    registry: Registry,
    jwsList: unknown[],
    keyFor: KeyLookup,
  ): Promise<PageOutcome> {
    const now = this.clock.now();
    const outcome: PageOutcome = { accepted: 0, unchanged: 0, refused: [] };
    const refusals: unknown[][] = [];
    const newest = new Map<string, { payload: RecordPayload; jws: string }>();
    for (const jws of jwsList) {
      let verified = await verifyRecord(jws, origin, registry, keyFor);
      if (verified.ok) {
        const semantic = semanticProblem(verified.payload);
        if (semantic) verified = { ok: false, reason: RefusalReason.SCHEMA_INVALID, detail: semantic };
      }
      if (!verified.ok) {
        outcome.refused.push({ reason: verified.reason, detail: verified.detail });
        refusals.push([
          seqOf(jws),
          verified.reason,
          verified.detail,
          typeof jws === 'string' ? jws.slice(0, 200_000) : JSON.stringify(jws ?? null).slice(0, 10_000),
        ]);
        continue;
      }
      const held = newest.get(verified.payload.id);
      if (!held || held.payload.version < verified.payload.version)
        newest.set(verified.payload.id, { payload: verified.payload, jws: jws as string });
    }
    if (refusals.length) {
      await tx.query(
        `INSERT INTO federation_refusals (peer_node_id, seq, reason, detail, jws, refused_at)
         SELECT $1, * , $6::timestamptz FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[])`,
        [origin.id, ...[0, 1, 2, 3].map((i) => refusals.map((r) => r[i])), now],
      );
    }
    const fresh = [...newest.values()];
    if (fresh.length) {
      const stored: { urn: string }[] = await tx.query(
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
          origin.id,
          fresh.map((f) => f.payload.id),
          fresh.map((f) => parseUrn(f.payload.id)!.type),
          fresh.map((f) => parseUrn(f.payload.id)!.id),
          fresh.map((f) => f.payload.version),
          fresh.map((f) => f.payload.seq),
          fresh.map((f) => f.payload.schema),
          fresh.map((f) => f.payload.publishedAt),
          fresh.map((f) => f.payload.deleted === true),
          fresh.map((f) => (f.payload.data ? JSON.stringify(f.payload.data) : null)),
          now,
          fresh.map((f) => f.jws),
        ],
      );
      const urns = stored.map((s) => s.urn);
      if (urns.length) {
        await tx.query(
          `INSERT INTO federated_record_versions (urn, version, seq, jws, received_at)
           SELECT urn, version, seq, jws, received_at FROM federated_records WHERE urn = ANY($1::text[])
           ON CONFLICT DO NOTHING`,
          [urns],
        );
        await this.match(tx, { urns });
        await this.project(tx, { urns });
      }
      outcome.accepted = urns.length;
    }
    outcome.unchanged = jwsList.length - outcome.accepted - outcome.refused.length;
    this.records.inc({ peer: origin.id, outcome: 'accepted' }, outcome.accepted);
    this.records.inc({ peer: origin.id, outcome: 'unchanged' }, outcome.unchanged);
    for (const refusal of outcome.refused) this.records.inc({ peer: origin.id, outcome: refusal.reason });
    await tx.query(
      `UPDATE federation_peers SET received_count = received_count + $2, refused_count = refused_count + $3 WHERE node_id = $1`,
      [origin.id, outcome.accepted, outcome.refused.length],
    );
    return outcome;
  }

  /**
   * Finds the local product (supplier + product name + model) and system (vendor + name + kind) a record is
   * about; records whose product or system this node does not have yet are matched again on later pulls.
   */
  async match(tx: EntityManager, scope: Scope): Promise<void> {
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
      [scopeParam(scope), this.clock.now()],
    );
  }

  /** Records still waiting for their product or system here: matched again, and shown once they are. */
  async rematch(tx: EntityManager): Promise<number> {
    const waiting: { urn: string }[] = await tx.query(
      `SELECT urn FROM federated_records
        WHERE NOT deleted AND record_type IN ('${RecordType.COMPATIBILITY}', '${RecordType.AGREEMENT_OUTCOME}', '${RecordType.DECISION}')
          AND jsonb_typeof(data->'product') = 'object'
          AND (local_product_id IS NULL OR (record_type = '${RecordType.COMPATIBILITY}' AND local_system_id IS NULL))
        ORDER BY matched_at NULLS FIRST LIMIT 1000`,
    );
    if (!waiting.length) return 0;
    const scope = { urns: waiting.map((w) => w.urn) };
    await this.match(tx, scope);
    await this.project(tx, scope);
    return waiting.length;
  }

  /** Replaces the rows the records show as in the domains' tables; none while the origin is not trusted. */
  async project(tx: EntityManager, scope: Scope): Promise<void> {
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
}

/** Checks the allow-list cannot express: version ranges this node can read. */
function semanticProblem(payload: RecordPayload): string | null {
  if (payload.deleted || payload.schema !== 'noden.compatibility-statement/1') return null;
  for (const field of ['productVersions', 'systemVersions'] as const) {
    const parsed = VersionRange.parse(payload.data![field] as string);
    if (typeof parsed === 'string') return `data.${field}: ${parsed.toLowerCase()} version range`;
  }
  return null;
}

function seqOf(jws: unknown): number | null {
  try {
    const payload: unknown = JSON.parse(Buffer.from(String(jws).split('.')[1] ?? '', 'base64url').toString('utf8'));
    const seq = typeof payload === 'object' && payload !== null && 'seq' in payload ? payload.seq : undefined;
    return typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : null;
  } catch {
    return null;
  }
}
