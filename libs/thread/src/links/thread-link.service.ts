import { Injectable } from '@nestjs/common';
import { type EntityTarget, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { Db, type RequestContext, Visibility } from '#core';
import { Need, NeedPolicy } from '#needs';
import { TestbedPolicy, TestDecision, TestProtocol } from '#testbed';
import { CallOff, Procurement, ProcurementPolicy } from '#procurement';
import { FollowUpPolicy, Implementation } from '#followup';

/** A kind of step as the target of a link: how to join it and which domain policy narrows it. */
interface Target<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  join: (qb: SelectQueryBuilder<ObjectLiteral>, column: string) => SelectQueryBuilder<ObjectLiteral>;
  scope: (ctx: RequestContext, qb: SelectQueryBuilder<ObjectLiteral>) => SelectQueryBuilder<ObjectLiteral>;
  order: (row: T) => number;
}

const NEEDS: Target<Need> = {
  entity: Need,
  join: (qb, column) => qb.innerJoin('needs', 'n', `n.id = ${column}`).addSelect('n.id', 'target'),
  scope: (ctx, qb) => Visibility.scope(ctx, qb, NeedPolicy.scope('n')),
  order: (n) => n.createdAt.getTime(),
};
const PROTOCOLS: Target<TestProtocol> = {
  entity: TestProtocol,
  join: (qb, column) => qb.innerJoin('test_protocols', 'p', `p.id = ${column}`).addSelect('p.id', 'target'),
  scope: (ctx, qb) => Visibility.scope(ctx, qb, TestbedPolicy.scope),
  order: (p) => p.createdAt.getTime(),
};
const DECISIONS: Target<TestDecision> = {
  entity: TestDecision,
  join: (qb, column) =>
    qb
      .innerJoin('test_decisions', 'd', `d.id = ${column}`)
      .innerJoin('test_protocols', 'p', 'p.id = d.protocol_id')
      .addSelect('d.id', 'target'),
  scope: (ctx, qb) => Visibility.scope(ctx, qb, TestbedPolicy.scope),
  order: (d) => d.decidedAt.getTime(),
};
const PROCUREMENTS: Target<Procurement> = {
  entity: Procurement,
  join: (qb, column) => qb.innerJoin('procurements', 'p', `p.id = ${column}`).addSelect('p.id', 'target'),
  scope: (ctx, qb) => ProcurementPolicy.scopeList(ctx, qb),
  order: (p) => p.createdAt.getTime(),
};
const CALL_OFFS: Target<CallOff> = {
  entity: CallOff,
  join: (qb, column) =>
    qb
      .innerJoin('call_offs', 'c', `c.id = ${column}`)
      .innerJoin('framework_agreements', 'a', 'a.id = c.agreement_id')
      .innerJoin('procurements', 'p', 'p.id = a.procurement_id')
      .addSelect('c.id', 'target'),
  scope: (ctx, qb) => ProcurementPolicy.scopeList(ctx, qb),
  order: (c) => c.createdAt.getTime(),
};
const IMPLEMENTATIONS: Target<Implementation> = {
  entity: Implementation,
  join: (qb, column) => qb.innerJoin('implementations', 'i', `i.id = ${column}`).addSelect('i.id', 'target'),
  scope: (ctx, qb) => FollowUpPolicy.scope(ctx, qb, 'i'),
  order: (i) => i.createdAt.getTime(),
};

/**
 * Every link of the thread as a field in both directions (`Need.tests`, `TestProtocol.needs`,
 * `Procurement.decisions`, `Implementation.callOff`...). Each field costs two statements per request whatever
 * the page size (the visible links, then their rows), and shows only what the target's own domain policy allows.
 */
@Injectable()
export class ThreadLinkService {
  constructor(private readonly db: Db) {}

  testsOfNeed = (ctx: RequestContext, needId: string) =>
    this.linked(ctx, 'needTests', 'test_protocol_needs', 'need_id', 'l.protocol_id', PROTOCOLS, needId);
  procurementsOfNeed = (ctx: RequestContext, needId: string) =>
    this.linked(ctx, 'needProcurements', 'procurement_needs', 'need_id', 'l.procurement_id', PROCUREMENTS, needId);
  implementationsOfNeed = (ctx: RequestContext, needId: string) =>
    this.linked(
      ctx,
      'needImplementations',
      'implementation_needs',
      'need_id',
      'l.implementation_id',
      IMPLEMENTATIONS,
      needId,
    );
  needsOfTest = (ctx: RequestContext, protocolId: string) =>
    this.linked(ctx, 'testNeeds', 'test_protocol_needs', 'protocol_id', 'l.need_id', NEEDS, protocolId);
  procurementsOfDecision = (ctx: RequestContext, decisionId: string) =>
    this.linked(
      ctx,
      'decisionProcurements',
      'procurement_test_decisions',
      'test_decision_id',
      'l.procurement_id',
      PROCUREMENTS,
      decisionId,
    );
  needsOfProcurement = (ctx: RequestContext, procurementId: string) =>
    this.linked(ctx, 'procurementNeeds', 'procurement_needs', 'procurement_id', 'l.need_id', NEEDS, procurementId);
  decisionsOfProcurement = (ctx: RequestContext, procurementId: string) =>
    this.linked(
      ctx,
      'procurementDecisions',
      'procurement_test_decisions',
      'procurement_id',
      'l.test_decision_id',
      DECISIONS,
      procurementId,
    );
  implementationsOfCallOff = (ctx: RequestContext, callOffId: string) =>
    this.linked(ctx, 'callOffImplementations', 'implementations', 'call_off_id', 'l.id', IMPLEMENTATIONS, callOffId);
  needsOfImplementation = (ctx: RequestContext, implementationId: string) =>
    this.linked(
      ctx,
      'implementationNeeds',
      'implementation_needs',
      'implementation_id',
      'l.need_id',
      NEEDS,
      implementationId,
    );

  async callOffOfImplementation(ctx: RequestContext, implementationId: string): Promise<CallOff | null> {
    return (
      (
        await this.linked(
          ctx,
          'implementationCallOff',
          'implementations',
          'id',
          'l.call_off_id',
          CALL_OFFS,
          implementationId,
        )
      )[0] ?? null
    );
  }

  private linked<T extends ObjectLiteral & { id: string }>(
    ctx: RequestContext,
    loaderKey: string,
    linkTable: string,
    keyColumn: string,
    targetColumn: string,
    target: Target<T>,
    key: string,
  ): Promise<T[]> {
    return ctx.loaders
      .get<string, T[]>(`thread.${loaderKey}`, async (keys) => {
        const qb = target
          .join(this.db.manager.createQueryBuilder().select(`l.${keyColumn}`, 'key').from(linkTable, 'l'), targetColumn)
          .where(`l.${keyColumn} IN (:...keys)`, {
            keys: [...keys],
          });
        const pairs: { key: string; target: string }[] = await target.scope(ctx, qb).getRawMany();
        const rows = pairs.length
          ? await this.db.manager.findBy(target.entity, { id: In([...new Set(pairs.map((p) => p.target))]) } as never)
          : [];
        const byId = new Map(rows.map((r) => [r.id, r]));
        return keys.map((k) =>
          pairs
            .filter((p) => p.key === k)
            .map((p) => byId.get(p.target)!)
            .sort((a, b) => target.order(a) - target.order(b)),
        );
      })
      .load(key);
  }
}
