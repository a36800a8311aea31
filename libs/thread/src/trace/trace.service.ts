import { Injectable } from '@nestjs/common';
import { Db, type RequestContext } from '#core';
import { NeedPolicy } from '#needs';
import { type TestProtocol, TestbedPolicy } from '#testbed';
import { ProcurementPolicy } from '#procurement';
import { FollowUpPolicy } from '#followup';
import { ThreadError } from '../thread.errors.js';
import { ThreadEntityType, type Trace, type TraceEdge, type TraceFollowUp, type TraceNode } from './trace.types.js';
import {
  traceComponent,
  traceFollowUps,
  traceOrganizations,
  traceSteps,
  type TraceStepRow,
} from '../thread.queries.js';

const THREAD_ORDER = Object.values(ThreadEntityType);

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
    const rows = await traceComponent(this.db.manager, entityType, id);
    const ids = [...new Set(rows.map((r) => r.id))];
    const details = await traceSteps(this.db.manager, ids);
    const visible = new Map(details.filter((d) => this.canSee(ctx, d)).map((d) => [d.id, d]));
    const start = visible.get(id);
    if (!start || start.type !== entityType) throw ThreadError.NOT_FOUND({ field: 'id' });

    const allEdges: TraceEdge[] = rows
      .filter((r) => r.fromId && r.toId && r.kind)
      .map((r) => ({ from: r.fromId!, to: r.toId!, kind: r.kind! }));
    const visibleEdges = allEdges.filter((e) => visible.has(e.from) && visible.has(e.to));
    const kept = reachable(id, visibleEdges);
    const edges = visibleEdges.filter((e) => kept.has(e.from));
    const steps = [...kept].map((nodeId) => visible.get(nodeId)!);

    const organizationIds = [...new Set(steps.flatMap((s) => [s.ownerId, ...s.others]))];
    const [organizations, followUps] = await Promise.all([
      traceOrganizations(this.db.manager, organizationIds),
      this.followUpsOf(steps.filter((s) => s.type === ThreadEntityType.IMPLEMENTATION).map((s) => s.id)),
    ]);
    const organizationById = new Map(organizations.map((o) => [o.id, o]));
    const nodes: TraceNode[] = steps
      .sort(
        (a, b) =>
          THREAD_ORDER.indexOf(a.type) - THREAD_ORDER.indexOf(b.type) || a.sortAt.getTime() - b.sortAt.getTime(),
      )
      .map((s) => ({
        entityType: s.type,
        id: s.id,
        title: s.title,
        status: s.status,
        startedOn: s.startedOn,
        endsOn: s.endsOn,
        organizations: [...new Set([s.ownerId, ...s.others])].flatMap((orgId) => {
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

  private canSee(ctx: RequestContext, step: TraceStepRow): boolean {
    switch (step.type) {
      case ThreadEntityType.NEED:
        return NeedPolicy.canSee(ctx, {
          organizationId: step.ownerId,
          publishedAt: step.published ? step.sortAt : null,
        });
      case ThreadEntityType.TEST_PROTOCOL:
      case ThreadEntityType.TEST_DECISION:
        return TestbedPolicy.canSee(ctx, {
          protocol: { leadOrganizationId: step.ownerId, published: step.published } as TestProtocol,
          participantIds: step.others,
        });
      case ThreadEntityType.PROCUREMENT:
      case ThreadEntityType.FRAMEWORK_AGREEMENT:
        return ProcurementPolicy.canSee(ctx, {
          leadOrganizationId: step.ownerId,
          publishedAt: step.published ? step.sortAt : null,
        });
      case ThreadEntityType.CALL_OFF:
        // A call-off is seen with its agreement (as `FrameworkAgreement.callOffs` shows it).
        return ProcurementPolicy.canSee(ctx, {
          leadOrganizationId: step.others[0],
          publishedAt: step.published ? step.sortAt : null,
        });
      case ThreadEntityType.IMPLEMENTATION:
        return FollowUpPolicy.canSee(ctx, { organizationId: step.ownerId });
    }
  }

  private async followUpsOf(implementationIds: string[]): Promise<Map<string, TraceFollowUp[]>> {
    const byImplementation = new Map<string, TraceFollowUp[]>();
    if (implementationIds.length === 0) return byImplementation;
    const rows = await traceFollowUps(this.db.manager, implementationIds);
    for (const r of rows) {
      const list = byImplementation.get(r.implementationId) ?? [];
      list.push({
        wave: r.wave,
        dueOn: r.dueOn,
        status: r.status,
        answeredAt: r.answeredAt,
        continuedUse: r.continuedUse,
      });
      byImplementation.set(r.implementationId, list);
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
