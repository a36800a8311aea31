import type { EntityManager } from 'typeorm';
import type { FederatedFollowUpWave } from './federation-peer.types.js';
import { RecordType } from '../protocol/record-schemas.js';

// The SQL of node staff's view of the peers and of what peers shared (outcomes, transferability). Typed camelCase
// rows, values as parameters.

/** Names compared across nodes: case, surrounding and repeated spaces ignored (docs/federation.md "Matching"). */
const norm = (sql: string) => `lower(regexp_replace(btrim(${sql}), '\\s+', ' ', 'g'))`;

/** A `federation_peers` row with its record count (bigint counters come back from pg as strings). */
export interface PeerRow {
  nodeId: string;
  name: string;
  county: string;
  inRegistry: boolean;
  trusted: boolean;
  distrustReason: string | null;
  trustChangedAt: Date | null;
  lastSeq: string;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  caughtUpAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  failures: number;
  nextPullAt: Date | null;
  receivedCount: string | number;
  refusedCount: string | number;
  recordCount: number;
}

export type PeerTrustRow = Pick<PeerRow, 'nodeId' | 'trusted' | 'distrustReason' | 'trustChangedAt'>;

/** The highest sequence number this node has published (bigint: text or number). */
export async function publishedSeq(tx: EntityManager): Promise<string | number> {
  const [{ seq }] = await tx.query<{ seq: string | number }[]>(
    `SELECT coalesce(max(seq), 0) AS seq FROM federation_outbox`,
  );
  return seq;
}

/** Every peer with the number of live records it shared, by name. */
export function peerRows(tx: EntityManager): Promise<PeerRow[]> {
  return tx.query<PeerRow[]>(
    `SELECT p.node_id AS "nodeId", p.name, p.county, p.in_registry AS "inRegistry", p.trusted,
            p.distrust_reason AS "distrustReason", p.trust_changed_at AS "trustChangedAt", p.last_seq AS "lastSeq",
            p.last_attempt_at AS "lastAttemptAt", p.last_success_at AS "lastSuccessAt", p.caught_up_at AS "caughtUpAt",
            p.last_error AS "lastError", p.last_error_at AS "lastErrorAt", p.failures, p.next_pull_at AS "nextPullAt",
            p.received_count AS "receivedCount", p.refused_count AS "refusedCount",
            (SELECT count(*)::int FROM federated_records r WHERE r.origin_node_id = p.node_id AND NOT r.deleted) AS "recordCount"
       FROM federation_peers p ORDER BY p.name, p.node_id`,
  );
}

const TRUST_COLUMNS = `node_id AS "nodeId", trusted, distrust_reason AS "distrustReason", trust_changed_at AS "trustChangedAt"`;

export async function peerTrustForUpdate(tx: EntityManager, nodeId: string): Promise<PeerTrustRow | undefined> {
  const [row] = await tx.query<PeerTrustRow[]>(
    `SELECT ${TRUST_COLUMNS} FROM federation_peers WHERE node_id = $1 FOR UPDATE`,
    [nodeId],
  );
  return row;
}

export async function setPeerTrust(
  tx: EntityManager,
  change: { nodeId: string; trusted: boolean; reason: string | null; at: Date; byUserId: string | null },
): Promise<PeerTrustRow> {
  const [[row]] = await tx.query<[PeerTrustRow[], number]>(
    `UPDATE federation_peers SET trusted = $2, distrust_reason = $3, trust_changed_at = $4, trust_changed_by_user_id = $5,
            next_pull_at = NULL WHERE node_id = $1 RETURNING ${TRUST_COLUMNS}`,
    [change.nodeId, change.trusted, change.reason, change.at, change.byUserId],
  );
  return row;
}

/** The `data` of an agreement-outcome record (validated against its schema on receipt). */
export interface AgreementOutcomeData {
  product: { supplierName: string; name: string; model: string | null; categoryKey: string };
  agreement: { title: string; startsOn: string; endsOn: string };
  implementations: number;
  followUps: FederatedFollowUpWave[];
}

export interface AgreementOutcomeRow {
  urn: string;
  originNodeId: string;
  originName: string;
  county: string;
  data: AgreementOutcomeData;
  publishedAt: Date;
}

/** Trusted peers' agreement outcomes for a local product, by peer and newest agreement first. */
export function agreementOutcomesFor(tx: EntityManager, productId: string): Promise<AgreementOutcomeRow[]> {
  return tx.query<AgreementOutcomeRow[]>(
    `SELECT r.urn, r.origin_node_id AS "originNodeId", p.name AS "originName", p.county, r.data, r.published_at AS "publishedAt"
       FROM federated_records r JOIN federation_peers p ON p.node_id = r.origin_node_id AND p.trusted AND p.in_registry
      WHERE r.record_type = $1 AND NOT r.deleted AND r.local_product_id = $2
      ORDER BY p.name, r.data->'agreement'->>'startsOn' DESC, r.urn`,
    [RecordType.AGREEMENT_OUTCOME, productId],
  );
}

/** The decision record with this organization's settings, target groups and uncovered systems. */
export interface TransferabilityRow {
  urn: string;
  /** The part of the decision record's `data` used here (validated against its schema on receipt). */
  data: { title: string; settings: string[]; testedSizeClasses: string[]; testedTargetGroups: string[] };
  originName: string;
  mySettings: string[];
  myTargetGroups: string[];
  systemsNotCovered: { id: string; name: string; vendorName: string; kind: string }[];
}

/** A trusted peer's decision (by urn or record id) compared with an organisation's settings, groups and systems. */
export async function federatedTransferabilityRow(
  tx: EntityManager,
  decisionId: string,
  organizationId: string,
): Promise<TransferabilityRow | undefined> {
  const [row] = await tx.query<TransferabilityRow[]>(
    `SELECT r.urn, r.data, p.name AS "originName",
            ARRAY(SELECT DISTINCT s FROM (SELECT n.setting AS s FROM needs n WHERE n.organization_id = $2 AND n.status <> 'MERGED'
                                          UNION SELECT i.setting FROM implementations i WHERE i.organization_id = $2) x) AS "mySettings",
            ARRAY(SELECT DISTINCT n.target_group FROM needs n JOIN technology_categories c ON c.id = n.category_id
                   WHERE n.organization_id = $2 AND n.status <> 'MERGED' AND c.key = r.data->>'categoryKey') AS "myTargetGroups",
            coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'vendorName', s.vendor_name, 'kind', k.key) ORDER BY s.name)
               FROM organization_systems os JOIN systems s ON s.id = os.system_id JOIN system_kinds k ON k.id = s.kind_id
              WHERE os.organization_id = $2 AND NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements(r.data->'testedSystems') t
                 WHERE ${norm("t->>'vendorName'")} = ${norm('s.vendor_name')} AND ${norm("t->>'name'")} = ${norm('s.name')}
                   AND t->>'kindKey' = k.key)), '[]') AS "systemsNotCovered"
       FROM federated_records r JOIN federation_peers p ON p.node_id = r.origin_node_id AND p.trusted AND p.in_registry
      WHERE r.record_type = $3 AND NOT r.deleted AND (r.urn = $1 OR r.record_id::text = $1)`,
    [decisionId, organizationId, RecordType.DECISION],
  );
  return row;
}
