import { Injectable } from '@nestjs/common';
import { Db, type RequestContext } from '#core';
import { NeedPolicy } from '#needs';
import { type TestProtocol, TestbedPolicy } from '#testbed';
import { ProcurementPolicy } from '#procurement';
import { FollowUpPolicy } from '#followup';
import { ThreadError } from '../thread.errors.js';
import {
  ThreadEntityType,
  type Trace,
  type TraceEdge,
  TraceEdgeKind,
  type TraceFollowUp,
  type TraceNode,
  type TraceOrganization,
} from './trace.types.js';

/** Every link of the thread as (from, to, kind), in the direction the thread runs. */
export const THREAD_EDGES_SQL = `
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
  SELECT DISTINCT e.from_id, e.to_id, e.kind, r.type, r.id
  FROM reached r LEFT JOIN edges e ON e.from_id = r.id`;

/**
 * One row per step with what the tenant rules need: owner, other organisations, published.
 * Decisions, agreements and call-offs are seen with the protocol or procurement they belong to.
 */
const DETAILS_SQL = `
  SELECT 'NEED' AS type, n.id, n.title, n.status, n.created_at::date::text AS started_on, NULL::text AS ends_on,
         n.organization_id AS owner_id, ARRAY(SELECT e.organization_id FROM need_endorsements e WHERE e.need_id = n.id ORDER BY e.created_at) AS others,
         n.published_at IS NOT NULL AS published, n.created_at AS sort_at
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
  SELECT f.implementation_id, f.wave, f.due_on::text AS due_on, f.status, f.answered_at,
         (SELECT (a.values ->> 'continuedUse')::boolean FROM follow_up_answers a WHERE a.follow_up_id = f.id ORDER BY a.version DESC LIMIT 1) AS continued_use
  FROM follow_ups f WHERE f.implementation_id = ANY($1::uuid[]) ORDER BY f.wave`;

const THREAD_ORDER = Object.values(ThreadEntityType);

interface DetailRow {
  type: ThreadEntityType;
  id: string;
  title: string;
  status: string;
  started_on: string | null;
  ends_on: string | null;
  owner_id: string;
  others: string[];
  published: boolean;
  sort_at: Date;
}

/**
 * `trace`: the connected thread around any step, in four statements whatever its size (component, details,
 * organisations, follow-ups). Each step is shown only if its own domain's policy lets the caller see it, and
 * only steps reachable from the start through visible steps are kept: a hidden step is left out, not shown empty,
 * and nothing is learnt through it.
 */
@Injectable()
export class TraceService {
  constructor(private readonly db: Db) {}

  async trace(ctx: RequestContext, entityType: ThreadEntityType, id: string): Promise<Trace> {
    const rows: {
      from_id: string | null;
      to_id: string | null;
      kind: TraceEdgeKind | null;
      type: ThreadEntityType;
      id: string;
    }[] = await this.db.manager.query(COMPONENT_SQL, [entityType, id]);
    const ids = [...new Set(rows.map((r) => r.id))];
    const details: DetailRow[] = await this.db.manager.query(DETAILS_SQL, [ids]);
    const visible = new Map(details.filter((d) => this.canSee(ctx, d)).map((d) => [d.id, d]));
    const start = visible.get(id);
    if (!start || start.type !== entityType) throw ThreadError.NOT_FOUND({ field: 'id' });

    const allEdges: TraceEdge[] = rows
      .filter((r) => r.from_id && r.to_id && r.kind)
      .map((r) => ({ from: r.from_id!, to: r.to_id!, kind: r.kind! }));
    const visibleEdges = allEdges.filter((e) => visible.has(e.from) && visible.has(e.to));
    const kept = reachable(id, visibleEdges);
    const edges = visibleEdges.filter((e) => kept.has(e.from));
    const steps = [...kept].map((nodeId) => visible.get(nodeId)!);

    const organizationIds = [...new Set(steps.flatMap((s) => [s.owner_id, ...s.others]))];
    const [organizations, followUps] = await Promise.all([
      this.db.manager.query<(TraceOrganization & { kind: string })[]>(
        `SELECT id, name, code, kind FROM organizations WHERE id = ANY($1::uuid[])`,
        [organizationIds],
      ),
      this.followUpsOf(steps.filter((s) => s.type === ThreadEntityType.IMPLEMENTATION).map((s) => s.id)),
    ]);
    const organizationById = new Map(organizations.map((o) => [o.id, o]));
    const nodes: TraceNode[] = steps
      .sort(
        (a, b) =>
          THREAD_ORDER.indexOf(a.type) - THREAD_ORDER.indexOf(b.type) || a.sort_at.getTime() - b.sort_at.getTime(),
      )
      .map((s) => ({
        entityType: s.type,
        id: s.id,
        title: s.title,
        status: s.status,
        startedOn: s.started_on,
        endsOn: s.ends_on,
        organizations: [...new Set([s.owner_id, ...s.others])].flatMap((orgId) => {
          const o = organizationById.get(orgId);
          return o ? [{ id: o.id, name: o.name, code: o.code }] : [];
        }),
        followUps: followUps.get(s.id) ?? [],
      }));
    const municipalities = organizations
      .filter((o) => o.kind === 'MUNICIPALITY' || o.kind === 'REGION')
      .map((o) => ({ id: o.id, name: o.name, code: o.code }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    return { nodes, edges, municipalities };
  }

  private canSee(ctx: RequestContext, step: DetailRow): boolean {
    switch (step.type) {
      case ThreadEntityType.NEED:
        return NeedPolicy.canSee(ctx, {
          organizationId: step.owner_id,
          publishedAt: step.published ? step.sort_at : null,
        });
      case ThreadEntityType.TEST_PROTOCOL:
      case ThreadEntityType.TEST_DECISION:
        return TestbedPolicy.canSee(ctx, {
          protocol: { leadOrganizationId: step.owner_id, published: step.published } as TestProtocol,
          participantIds: step.others,
        });
      case ThreadEntityType.PROCUREMENT:
      case ThreadEntityType.FRAMEWORK_AGREEMENT:
        return ProcurementPolicy.canSee(ctx, {
          leadOrganizationId: step.owner_id,
          publishedAt: step.published ? step.sort_at : null,
        });
      case ThreadEntityType.CALL_OFF:
        // A call-off is seen with its agreement (as `FrameworkAgreement.callOffs` shows it).
        return ProcurementPolicy.canSee(ctx, {
          leadOrganizationId: step.others[0],
          publishedAt: step.published ? step.sort_at : null,
        });
      case ThreadEntityType.IMPLEMENTATION:
        return FollowUpPolicy.canSee(ctx, { organizationId: step.owner_id });
    }
  }

  private async followUpsOf(implementationIds: string[]): Promise<Map<string, TraceFollowUp[]>> {
    const byImplementation = new Map<string, TraceFollowUp[]>();
    if (implementationIds.length === 0) return byImplementation;
    const rows: {
      implementation_id: string;
      wave: number;
      due_on: string;
      status: string;
      answered_at: Date | null;
      continued_use: boolean | null;
    }[] = await this.db.manager.query(FOLLOW_UPS_SQL, [implementationIds]);
    for (const r of rows) {
      const list = byImplementation.get(r.implementation_id) ?? [];
      list.push({
        wave: r.wave,
        dueOn: r.due_on,
        status: r.status,
        answeredAt: r.answered_at,
        continuedUse: r.continued_use,
      });
      byImplementation.set(r.implementation_id, list);
    }
    return byImplementation;
  }
}

/** The steps reachable from `start` over the given edges, either way. */
function reachable(start: string, edges: TraceEdge[]): Set<string> {
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    neighbours.set(e.from, [...(neighbours.get(e.from) ?? []), e.to]);
    neighbours.set(e.to, [...(neighbours.get(e.to) ?? []), e.from]);
  }
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length)
    for (const next of neighbours.get(queue.shift()!) ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  return seen;
}
