import type { EntityManager } from 'typeorm';
import type { ThreadEntityType, TraceEdgeKind, TraceOrganization } from './trace/trace.types.js';
import type { UncoveredSystem } from './transferability/transferability.types.js';

// The SQL of the thread across domains: the trace's component and step details, transferability's context,
// the county overview's per-municipality figures and the exports' batched reads. Typed camelCase rows, values as
// parameters.

/** Every link of the thread as (from, to, kind), in the direction the thread runs. */
const THREAD_EDGES_SQL = `
  SELECT 'NEED' AS from_type, need_id AS from_id, 'TEST_PROTOCOL' AS to_type, protocol_id AS to_id, 'NEED_TESTED' AS kind FROM test_protocol_needs
  UNION ALL SELECT 'TEST_PROTOCOL', protocol_id, 'TEST_DECISION', id, 'TEST_DECIDED' FROM test_decisions
  UNION ALL SELECT 'TEST_DECISION', test_decision_id, 'PROCUREMENT', procurement_id, 'DECISION_PROCURED' FROM procurement_test_decisions
  UNION ALL SELECT 'NEED', need_id, 'PROCUREMENT', procurement_id, 'NEED_PROCURED' FROM procurement_needs
  UNION ALL SELECT 'PROCUREMENT', procurement_id, 'FRAMEWORK_AGREEMENT', id, 'PROCUREMENT_AWARDED' FROM framework_agreements
  UNION ALL SELECT 'FRAMEWORK_AGREEMENT', agreement_id, 'CALL_OFF', id, 'AGREEMENT_CALLED_OFF' FROM call_offs
  UNION ALL SELECT 'CALL_OFF', call_off_id, 'IMPLEMENTATION', id, 'CALL_OFF_IMPLEMENTED' FROM implementations WHERE call_off_id IS NOT NULL
  UNION ALL SELECT 'NEED', need_id, 'IMPLEMENTATION', implementation_id, 'NEED_IMPLEMENTED' FROM implementation_needs`;

/** The connected component around the start, walked both ways; UNION (not ALL) stops at nodes already reached. */
const COMPONENT_SQL = `
  WITH RECURSIVE edges AS (${THREAD_EDGES_SQL}),
  reached(type, id) AS (
    SELECT $1::text, $2::uuid
    UNION
    SELECT CASE WHEN e.from_id = r.id THEN e.to_type ELSE e.from_type END, CASE WHEN e.from_id = r.id THEN e.to_id ELSE e.from_id END
    FROM reached r JOIN edges e ON e.from_id = r.id OR e.to_id = r.id
  )
  SELECT DISTINCT e.from_id AS "fromId", e.to_id AS "toId", e.kind, r.type, r.id
  FROM reached r LEFT JOIN edges e ON e.from_id = r.id`;

/**
 * One row per step with what the tenant rules need: owner, other organisations, published.
 * Decisions, agreements and call-offs are seen with the protocol or procurement they belong to.
 */
const DETAILS_SQL = `
  SELECT 'NEED' AS type, n.id, n.title, n.status, n.created_at::date::text AS "startedOn", NULL::text AS "endsOn",
         n.organization_id AS "ownerId", ARRAY(SELECT e.organization_id FROM need_endorsements e WHERE e.need_id = n.id ORDER BY e.created_at) AS others,
         n.published_at IS NOT NULL AS published, n.created_at AS "sortAt"
  FROM needs n WHERE n.id = ANY($1::uuid[])
  UNION ALL
  SELECT 'TEST_PROTOCOL', p.id, p.title, p.status, coalesce(p.planned_start, p.created_at::date)::text, p.planned_end::text,
         p.lead_organization_id, ARRAY(SELECT o.organization_id FROM test_protocol_organizations o WHERE o.protocol_id = p.id), p.published, p.created_at
  FROM test_protocols p WHERE p.id = ANY($1::uuid[])
  UNION ALL
  SELECT 'TEST_DECISION', d.id, 'Beslut: ' || p.title, d.outcome, (d.decided_at AT TIME ZONE 'Europe/Stockholm')::date::text, NULL,
         p.lead_organization_id, ARRAY(SELECT o.organization_id FROM test_protocol_organizations o WHERE o.protocol_id = p.id), p.published, d.decided_at
  FROM test_decisions d JOIN test_protocols p ON p.id = d.protocol_id WHERE d.id = ANY($1::uuid[])
  UNION ALL
  SELECT 'PROCUREMENT', pr.id, pr.title, pr.status, coalesce(pr.participation_opens_on, pr.created_at::date)::text, pr.participation_closes_on::text,
         pr.lead_organization_id, ARRAY(SELECT pp.organization_id FROM procurement_participations pp WHERE pp.procurement_id = pr.id ORDER BY pp.joined_at),
         pr.published_at IS NOT NULL, pr.created_at
  FROM procurements pr WHERE pr.id = ANY($1::uuid[])
  UNION ALL
  SELECT 'FRAMEWORK_AGREEMENT', a.id, 'Ramavtal: ' || pr.title, pr.status, a.starts_on::text, a.ends_on::text,
         pr.lead_organization_id, ARRAY(SELECT pp.organization_id FROM procurement_participations pp WHERE pp.procurement_id = pr.id ORDER BY pp.joined_at),
         pr.published_at IS NOT NULL, a.awarded_at
  FROM framework_agreements a JOIN procurements pr ON pr.id = a.procurement_id WHERE a.id = ANY($1::uuid[])
  UNION ALL
  SELECT 'CALL_OFF', c.id, 'Avrop: ' || pd.name || ' (' || c.quantity || ' st)', 'CALLED_OFF', c.called_off_on::text, NULL,
         c.organization_id, ARRAY[pr.lead_organization_id], pr.published_at IS NOT NULL, c.created_at
  FROM call_offs c JOIN framework_agreements a ON a.id = c.agreement_id JOIN procurements pr ON pr.id = a.procurement_id
  JOIN products pd ON pd.id = c.product_id WHERE c.id = ANY($1::uuid[])
  UNION ALL
  SELECT 'IMPLEMENTATION', i.id, pd.name || ' i ' || coalesce(o.short_name, o.name), i.status, i.go_live_on::text, NULL,
         i.organization_id, ARRAY[]::uuid[], false, i.created_at
  FROM implementations i JOIN products pd ON pd.id = i.product_id JOIN organizations o ON o.id = i.organization_id WHERE i.id = ANY($1::uuid[])`;

const FOLLOW_UPS_SQL = `
  SELECT f.implementation_id AS "implementationId", f.wave, f.due_on::text AS "dueOn", f.status, f.answered_at AS "answeredAt",
         (SELECT (a.values ->> 'continuedUse')::boolean FROM follow_up_answers a WHERE a.follow_up_id = f.id ORDER BY a.version DESC LIMIT 1) AS "continuedUse"
  FROM follow_ups f WHERE f.implementation_id = ANY($1::uuid[]) ORDER BY f.wave`;

export interface TraceEdgeRow {
  fromId: string | null;
  toId: string | null;
  kind: TraceEdgeKind | null;
  type: ThreadEntityType;
  id: string;
}

/** The connected component around a step: every step reached, with its outgoing links. */
export function traceComponent(tx: EntityManager, entityType: ThreadEntityType, id: string): Promise<TraceEdgeRow[]> {
  return tx.query<TraceEdgeRow[]>(COMPONENT_SQL, [entityType, id]);
}

export interface TraceStepRow {
  type: ThreadEntityType;
  id: string;
  title: string;
  status: string;
  startedOn: string | null;
  endsOn: string | null;
  ownerId: string;
  others: string[];
  published: boolean;
  sortAt: Date;
}

export function traceSteps(tx: EntityManager, ids: string[]): Promise<TraceStepRow[]> {
  return tx.query<TraceStepRow[]>(DETAILS_SQL, [ids]);
}

export function traceOrganizations(
  tx: EntityManager,
  ids: string[],
): Promise<(TraceOrganization & { kind: string })[]> {
  return tx.query<(TraceOrganization & { kind: string })[]>(
    `SELECT id, name, code, kind FROM organizations WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

export interface TraceFollowUpRow {
  implementationId: string;
  wave: number;
  dueOn: string;
  status: string;
  answeredAt: Date | null;
  continuedUse: boolean | null;
}

export function traceFollowUps(tx: EntityManager, implementationIds: string[]): Promise<TraceFollowUpRow[]> {
  return tx.query<TraceFollowUpRow[]>(FOLLOW_UPS_SQL, [implementationIds]);
}

/** Everything about the test and the municipality in one statement. */
const CONTEXT_SQL = `
  SELECT d.id AS "decisionId", p.id AS "protocolId", p.lead_organization_id AS "leadOrganizationId", p.published, p.settings, d.category_id AS "categoryId",
    ARRAY(SELECT o.organization_id FROM test_protocol_organizations o WHERE o.protocol_id = p.id) AS "participantIds",
    ARRAY(SELECT DISTINCT n.target_group FROM test_protocol_needs tpn JOIN needs n ON n.id = tpn.need_id WHERE tpn.protocol_id = p.id) AS "testedTargetGroups",
    ARRAY(SELECT DISTINCT c.participant_group FROM test_participant_counts c WHERE c.protocol_id = p.id) AS "participantGroups",
    ARRAY(SELECT DISTINCT s FROM (SELECT n.setting AS s FROM needs n WHERE n.organization_id = $2 AND n.status <> 'MERGED'
                                  UNION SELECT i.setting FROM implementations i WHERE i.organization_id = $2) x) AS "mySettings",
    ARRAY(SELECT DISTINCT n.target_group FROM needs n WHERE n.organization_id = $2 AND n.status <> 'MERGED'
          AND (n.category_id = d.category_id OR NOT EXISTS (SELECT 1 FROM needs m WHERE m.organization_id = $2 AND m.category_id = d.category_id))) AS "myTargetGroups",
    coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'vendorName', s.vendor_name, 'version', os.version, 'kind', k.key) ORDER BY s.name)
      FROM organization_systems os JOIN systems s ON s.id = os.system_id JOIN system_kinds k ON k.id = s.kind_id
      WHERE os.organization_id = $2 AND NOT EXISTS (
        SELECT 1 FROM organization_systems other WHERE other.system_id = os.system_id
          AND (other.organization_id = p.lead_organization_id OR other.organization_id IN (SELECT o.organization_id FROM test_protocol_organizations o WHERE o.protocol_id = p.id)))), '[]') AS "systemsNotCovered"
  FROM test_decisions d JOIN test_protocols p ON p.id = d.protocol_id WHERE d.id = ANY($1::uuid[])`;

export interface TransferabilityContextRow {
  decisionId: string;
  protocolId: string;
  leadOrganizationId: string;
  published: boolean;
  settings: string[] | null;
  categoryId: string;
  participantIds: string[];
  testedTargetGroups: string[];
  participantGroups: string[];
  mySettings: string[];
  myTargetGroups: string[];
  systemsNotCovered: UncoveredSystem[];
}

export function transferabilityContextRows(
  tx: EntityManager,
  decisionIds: string[],
  organizationId: string,
): Promise<TransferabilityContextRow[]> {
  return tx.query<TransferabilityContextRow[]>(CONTEXT_SQL, [decisionIds, organizationId]);
}

/** Per municipality: follow-ups due, answered and overdue; implementations and the people who accepted. */
const MUNICIPALITY_FIGURES_SQL = `
  WITH f AS (
    SELECT organization_id, count(*) FILTER (WHERE status = 'OPEN')::int AS due, count(*) FILTER (WHERE status = 'ANSWERED')::int AS answered,
           count(*) FILTER (WHERE status = 'OVERDUE')::int AS overdue
      FROM follow_ups WHERE status IN ('OPEN', 'ANSWERED', 'OVERDUE') GROUP BY organization_id),
  i AS (
    SELECT organization_id, count(*)::int AS implementations, coalesce(sum(accepted_women), 0)::int AS women,
           coalesce(sum(accepted_men), 0)::int AS men, coalesce(sum(accepted_other), 0)::int AS other
      FROM implementations WHERE status <> 'DISCONTINUED' GROUP BY organization_id)
  SELECT o.id, coalesce(f.due, 0) AS due, coalesce(f.answered, 0) AS answered, coalesce(f.overdue, 0) AS overdue,
         coalesce(i.implementations, 0) AS implementations, coalesce(i.women, 0) AS women, coalesce(i.men, 0) AS men, coalesce(i.other, 0) AS other
    FROM organizations o LEFT JOIN f ON f.organization_id = o.id LEFT JOIN i ON i.organization_id = o.id
   WHERE o.kind = 'MUNICIPALITY'`;

export interface MunicipalityFigureRow {
  id: string;
  due: number;
  answered: number;
  overdue: number;
  implementations: number;
  women: number;
  men: number;
  other: number;
}

export function municipalityFigureRows(tx: EntityManager): Promise<MunicipalityFigureRow[]> {
  return tx.query<MunicipalityFigureRow[]>(MUNICIPALITY_FIGURES_SQL);
}

// The exports' batched reads.

export function protocolTitles(
  tx: EntityManager,
  ids: string[],
): Promise<{ id: string; title: string; leadOrganizationId: string }[]> {
  return tx.query<{ id: string; title: string; leadOrganizationId: string }[]>(
    `SELECT id, title, lead_organization_id AS "leadOrganizationId" FROM test_protocols WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

export interface AgreementFiguresRow {
  id: string;
  title: string;
  status: string;
  callOffs: number;
  /** numeric as text */
  valueSek: string;
}

export function agreementFigures(tx: EntityManager, ids: string[]): Promise<AgreementFiguresRow[]> {
  return tx.query<AgreementFiguresRow[]>(
    `SELECT a.id, p.title, p.status, count(c.id)::int AS "callOffs", coalesce(sum(c.value_sek), 0) AS "valueSek"
     FROM framework_agreements a JOIN procurements p ON p.id = a.procurement_id LEFT JOIN call_offs c ON c.agreement_id = a.id
     WHERE a.id = ANY($1::uuid[]) GROUP BY a.id, p.title, p.status`,
    [ids],
  );
}
