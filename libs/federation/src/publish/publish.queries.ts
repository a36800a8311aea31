import type { EntityManager } from 'typeorm';

// The SQL of what this node shares, read straight from the domains' tables: only published, non-personal records,
// and of each only the fields of its schema's allow-list. No user, e-mail address, organisation id, participant or
// free-text observation about a person is selected here. Typed camelCase rows; the publisher's outbox statements.

/** What PRODUCT_REF builds. */
export interface ProductRef {
  supplierName: string;
  name: string;
  model: string | null;
  categoryKey: string;
}

export interface SystemRef {
  vendorName: string;
  name: string;
  kindKey: string;
}

export interface DecisionRow {
  id: string;
  title: string;
  categoryKey: string;
  outcome: string;
  rationale: string;
  conditions: string | null;
  decidedAt: Date | string | null;
  versionNumber: number;
  contentHash: string;
  supersedesDecisionId: string | null;
  purpose: string;
  expectedBenefit: string | null;
  settings: string[] | null;
  product: ProductRef | null;
  sizeClasses: string[];
  targetGroups: string[];
  systems: SystemRef[];
  results: {
    criterion: string;
    targetValue: number;
    unit: string;
    measuredValue: number;
    met: boolean;
    comment: string | null;
  }[];
  lessons: string[];
}

export interface StatementRow {
  id: string;
  product: ProductRef;
  system: SystemRef;
  productVersions: string;
  systemVersions: string;
  status: string;
  evidence: string;
  note: string | null;
  sourceNote: string | null;
  assertedAt: Date | string | null;
  supersededAt: Date | string | null;
  supersededByStatementId: string | null;
}

export interface OutcomeRow {
  agreementId: string;
  title: string;
  startsOn: string;
  endsOn: string;
  productId: string;
  product: ProductRef;
  implementations: number;
}

const PRODUCT_REF = `jsonb_build_object('supplierName', su.name, 'name', pr.name, 'model', pr.model, 'categoryKey', tc.key)`;

export interface ArticleRow {
  id: string;
  title: string | null;
  summary: string | null;
  body: string | null;
  kind: string | null;
  sourceType: string | null;
  qualityGrade: string | null;
  categoryKey: string | null;
}

export function publishedArticles(tx: EntityManager): Promise<ArticleRow[]> {
  return tx.query<ArticleRow[]>(
    `SELECT a.id, a.title, a.summary, a.body, a.kind, a.source_type AS "sourceType", a.quality_grade AS "qualityGrade",
            (SELECT min(c.key) FROM knowledge_article_links l JOIN technology_categories c ON c.id = l.entity_id
              WHERE l.article_id = a.id AND l.entity_type = 'CATEGORY') AS "categoryKey"
       FROM knowledge_articles a WHERE a.status = 'PUBLISHED'`,
  );
}

/**
 * Published decisions with their results, lessons and the frozen version's hash; never participants, and of the
 * rationale only the decision's own line, not each member's words (free text written by a person).
 */
export function publishedDecisions(tx: EntityManager): Promise<DecisionRow[]> {
  // Size classes as in sizeClassOf (libs/core organization.entity.ts): keep in sync.
  return tx.query<DecisionRow[]>(
    `SELECT d.id, p.title, c.key AS "categoryKey", d.outcome, split_part(d.rationale, E'\n', 1) AS rationale, d.conditions, d.decided_at AS "decidedAt", d.version_number AS "versionNumber",
            v.content_hash AS "contentHash", d.supersedes_decision_id AS "supersedesDecisionId", p.purpose, p.expected_benefit AS "expectedBenefit", p.settings,
            CASE WHEN pr.id IS NULL THEN NULL ELSE ${PRODUCT_REF} END AS product,
            ARRAY(SELECT DISTINCT CASE WHEN o.population < 15000 THEN 'SMALL' WHEN o.population < 50000 THEN 'MEDIUM' ELSE 'LARGE' END
                    FROM organizations o
                   WHERE o.population IS NOT NULL AND (o.id = p.lead_organization_id
                      OR o.id IN (SELECT po.organization_id FROM test_protocol_organizations po WHERE po.protocol_id = p.id))
                   ORDER BY 1) AS "sizeClasses",
            ARRAY(SELECT DISTINCT n.target_group FROM test_protocol_needs tpn JOIN needs n ON n.id = tpn.need_id
                   WHERE tpn.protocol_id = p.id AND n.target_group IS NOT NULL ORDER BY 1) AS "targetGroups",
            coalesce((SELECT jsonb_agg(DISTINCT jsonb_build_object('vendorName', s.vendor_name, 'name', s.name, 'kindKey', k.key))
                        FROM organization_systems os JOIN systems s ON s.id = os.system_id JOIN system_kinds k ON k.id = s.kind_id
                       WHERE os.organization_id = p.lead_organization_id
                          OR os.organization_id IN (SELECT po.organization_id FROM test_protocol_organizations po WHERE po.protocol_id = p.id)), '[]') AS systems,
            coalesce((SELECT jsonb_agg(jsonb_build_object('criterion', sc.name, 'targetValue', sc.target_value, 'unit', sc.unit,
                               'measuredValue', r.measured_value, 'met', r.met, 'comment', r.comment) ORDER BY sc.position)
                        FROM test_success_criteria sc JOIN test_results r ON r.criterion_id = sc.id WHERE sc.protocol_id = p.id), '[]') AS results,
            ARRAY(SELECT ob.description FROM test_observations ob WHERE ob.protocol_id = p.id AND ob.kind = 'LESSON' ORDER BY ob.seq) AS lessons
       FROM test_decisions d
       JOIN test_protocols p ON p.id = d.protocol_id
       JOIN test_protocol_versions v ON v.id = d.version_id
       JOIN technology_categories c ON c.id = d.category_id
       LEFT JOIN products pr ON pr.id = p.product_id
       LEFT JOIN suppliers su ON su.id = pr.supplier_id
       LEFT JOIN technology_categories tc ON tc.id = pr.category_id
      WHERE p.published`,
  );
}

/** This node's own statements about systems, superseded ones included as history. */
export function ownStatements(tx: EntityManager): Promise<StatementRow[]> {
  return tx.query<StatementRow[]>(
    `SELECT cs.id, ${PRODUCT_REF} AS product,
            jsonb_build_object('vendorName', s.vendor_name, 'name', s.name, 'kindKey', k.key) AS system,
            cs.product_versions AS "productVersions", cs.system_versions AS "systemVersions", cs.status, cs.evidence,
            cs.note, cs.source_note AS "sourceNote", cs.asserted_at AS "assertedAt", cs.superseded_at AS "supersededAt",
            cs.superseded_by_statement_id AS "supersededByStatementId"
       FROM compatibility_statements cs
       JOIN products pr ON pr.id = cs.product_id
       JOIN suppliers su ON su.id = pr.supplier_id
       JOIN technology_categories tc ON tc.id = pr.category_id
       JOIN systems s ON s.id = cs.system_id
       JOIN system_kinds k ON k.id = s.kind_id
      WHERE cs.origin_node_id IS NULL`,
  );
}

/** Per framework agreement, each product called off under it and how many implementations it has. */
export function agreementOutcomes(tx: EntityManager): Promise<OutcomeRow[]> {
  return tx.query<OutcomeRow[]>(
    `SELECT fa.id AS "agreementId", pc.title, fa.starts_on::text AS "startsOn", fa.ends_on::text AS "endsOn", pr.id AS "productId",
            ${PRODUCT_REF} AS product,
            (SELECT count(*)::int FROM implementations i JOIN call_offs co2 ON co2.id = i.call_off_id
              WHERE co2.agreement_id = fa.id AND i.product_id = pr.id) AS implementations
       FROM framework_agreements fa
       JOIN procurements pc ON pc.id = fa.procurement_id
       JOIN (SELECT DISTINCT agreement_id, product_id FROM call_offs) co ON co.agreement_id = fa.id
       JOIN products pr ON pr.id = co.product_id
       JOIN suppliers su ON su.id = pr.supplier_id
       JOIN technology_categories tc ON tc.id = pr.category_id`,
  );
}

// The outbox.

/** Serialises publishing: sequence numbers commit in order. */
export async function lockPublishing(tx: EntityManager): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('noden.federation.publish'))`);
}

export interface PublishedRow {
  recordId: string;
  version: number;
  contentHash: string;
  deleted: boolean;
}

/** The version and content hash last published of each record of a type. */
export function publishedRecords(tx: EntityManager, type: string): Promise<PublishedRow[]> {
  return tx.query<PublishedRow[]>(
    `SELECT record_id AS "recordId", version, content_hash AS "contentHash", deleted FROM federation_published WHERE record_type = $1`,
    [type],
  );
}

/** The next `count` sequence numbers (bigint as text). */
export async function nextSeqs(tx: EntityManager, count: number): Promise<string[]> {
  const rows = await tx.query<{ seq: string }[]>(
    `SELECT nextval('federation_outbox_seq') AS seq FROM generate_series(1, $1)`,
    [count],
  );
  return rows.map((r) => r.seq);
}

export interface OutboxEntry {
  seq: number;
  recordId: string;
  version: number;
  deleted: boolean;
  publishedAt: Date;
  kid: string;
  payload: object;
  jws: string;
  contentHash: string;
}

/** Appends the signed versions to the outbox and remembers what was published of each record. */
export async function appendOutbox(tx: EntityManager, type: string, entries: OutboxEntry[]): Promise<void> {
  await tx.query(
    `INSERT INTO federation_outbox (seq, record_type, record_id, version, deleted, published_at, kid, payload, jws)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::uuid[], $4::int[], $5::boolean[], $6::timestamptz[], $7::text[], $8::jsonb[], $9::text[])`,
    [
      entries.map((e) => e.seq),
      entries.map(() => type),
      entries.map((e) => e.recordId),
      entries.map((e) => e.version),
      entries.map((e) => e.deleted),
      entries.map((e) => e.publishedAt),
      entries.map((e) => e.kid),
      entries.map((e) => JSON.stringify(e.payload)),
      entries.map((e) => e.jws),
    ],
  );
  await tx.query(
    `INSERT INTO federation_published (record_type, record_id, version, content_hash, deleted)
     SELECT $1::text, * FROM unnest($2::uuid[], $3::int[], $4::text[], $5::boolean[])
     ON CONFLICT (record_type, record_id) DO UPDATE SET version = EXCLUDED.version, content_hash = EXCLUDED.content_hash, deleted = EXCLUDED.deleted`,
    [
      type,
      entries.map((e) => e.recordId),
      entries.map((e) => e.version),
      entries.map((e) => e.contentHash),
      entries.map((e) => e.deleted),
    ],
  );
}

export interface FeedRow {
  /** bigint as text */
  seq: string;
  kid: string;
  jws: string;
  /** Null when signed by `currentKid` (not needed then). */
  payload: object | null;
}

/** A page of the outbox after a sequence number. */
export function feedPage(tx: EntityManager, after: number, limit: number, currentKid: string): Promise<FeedRow[]> {
  return tx.query<FeedRow[]>(
    `SELECT seq, kid, jws, CASE WHEN kid = $3 THEN NULL ELSE payload END AS payload
       FROM federation_outbox WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [after, limit, currentKid],
  );
}

export async function outboxPayload(tx: EntityManager, seq: string): Promise<object> {
  const [row] = await tx.query<{ payload: object }[]>(`SELECT payload FROM federation_outbox WHERE seq = $1`, [seq]);
  return row.payload;
}

export async function resign(tx: EntityManager, seq: string, jws: string, kid: string): Promise<void> {
  await tx.query(`UPDATE federation_outbox SET jws = $2, kid = $3 WHERE seq = $1`, [seq, jws, kid]);
}
