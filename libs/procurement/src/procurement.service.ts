import { Injectable } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { type EntityManager, In } from 'typeorm';
import {
  assertReferencesExist,
  AuditService,
  Clock,
  type ConnectionResult,
  Db,
  type ListSpec,
  Organization,
  OrganizationKind,
  paginate,
  plannedPage,
  type RequestContext,
  Role,
  type SortKey,
  type SqlFragment,
  sql,
  UserService,
  Visibility,
  whereFragment,
} from '#core';
import { NotificationService } from '#notifications';
import { TechnologyCategoryService } from '#catalog';
import { NeedService, NeedStatus, NeedThreadService } from '#needs';
import { Procurement } from './procurement.entity.js';
import { ProcurementLot } from './procurement-lot.entity.js';
import { RequirementSpecificationVersion } from './requirement-specification-version.entity.js';
import { ProcurementStatusChange } from './procurement-status-change.entity.js';
import { FrameworkAgreement } from './framework-agreement.entity.js';
import { ProcurementStatus } from './procurement.enums.js';
import { ProcurementError } from './procurement.errors.js';
import { ProcurementPolicy } from './procurement.policy.js';
import { ProcurementTransitions } from './procurement.workflow.js';
import type { CreateProcurementInput, LotInput, UpdateProcurementInput } from './dto/create-procurement.input.js';
import type {
  ChangeProcurementStatusInput,
  PublishRequirementSpecificationInput,
} from './dto/change-procurement-status.input.js';
import type { ProcurementsArgs } from './dto/procurements.args.js';
import {
  activeUserIds,
  nextSpecificationVersion,
  participantsOf,
  procurementNeedIds,
  replaceProcurementNeeds,
  replaceProcurementTestDecisions,
} from './procurement.queries.js';

export const JOINING_KINDS: readonly OrganizationKind[] = [OrganizationKind.MUNICIPALITY, OrganizationKind.REGION];

const NEWEST_PROCUREMENTS: SortKey<Procurement>[] = [
  { expression: 'p.created_at', direction: 'DESC', value: (p) => p.createdAt },
  { expression: 'p.id', direction: 'DESC', value: (p) => p.id },
];
const PROCUREMENT_LIST: ListSpec = { entity: Procurement, alias: 'p' };

@Injectable()
export class ProcurementService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly categories: TechnologyCategoryService,
    private readonly needs: NeedService,
    private readonly needThread: NeedThreadService,
    private readonly notifications: NotificationService,
    private readonly users: UserService,
  ) {}

  async create(ctx: RequestContext, input: CreateProcurementInput): Promise<Procurement> {
    const leadOrganizationId = input.leadOrganizationId ?? ctx.organizationId;
    ProcurementPolicy.assertMayLead(ctx, leadOrganizationId);
    assertWindow(input.participationOpensOn, input.participationClosesOn);
    assertDistinctLotNames(input.lots);
    const category = await this.categories.resolve(ctx, input.category, 'input.category');
    return this.db.transaction(async (tx) => {
      if (!(await tx.existsBy(Organization, { id: leadOrganizationId })))
        throw ProcurementError.ORGANIZATION_NOT_FOUND({ field: 'input.leadOrganizationId' });
      await this.assertLinks(ctx, tx, input.needIds, input.testDecisionIds);
      const now = this.clock.now();
      const procurement = tx.create(Procurement, {
        title: input.title,
        description: input.description ?? null,
        categoryId: category.id,
        leadOrganizationId,
        procedure: input.procedure,
        kind: input.kind,
        estimatedValueSek: input.estimatedValueSek ?? null,
        participationOpensOn: input.participationOpensOn,
        participationClosesOn: input.participationClosesOn,
        status: ProcurementStatus.PLANNED,
        cancellationReason: null,
        publishedAt: null,
        createdByUserId: ctx.auditUserId,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(Procurement, procurement);
      const lots = await this.insertLots(tx, procurement.id, input.lots);
      await this.replaceLinks(tx, procurement.id, input.needIds, input.testDecisionIds);
      await tx.insert(ProcurementStatusChange, {
        procurementId: procurement.id,
        fromStatus: null,
        toStatus: ProcurementStatus.PLANNED,
        reason: null,
        changedByUserId: ctx.auditUserId,
        bySystem: !!ctx.actor?.system,
        changedAt: now,
      });
      await this.audit.record(ctx, tx, {
        action: 'procurement.created',
        entityType: 'Procurement',
        entityId: procurement.id,
        after: {
          ...procurement,
          lots: lots.map((l) => l.name),
          needIds: input.needIds ?? [],
          testDecisionIds: input.testDecisionIds ?? [],
        },
      });
      return procurement;
    });
  }

  async update(ctx: RequestContext, input: UpdateProcurementInput): Promise<Procurement> {
    const category = input.category ? await this.categories.resolve(ctx, input.category, 'input.category') : null;
    if (input.lots) assertDistinctLotNames(input.lots);
    return this.db.transaction(async (tx) => {
      const procurement = await this.lockForChange(ctx, tx, input.id, 'input.id');
      if (procurement.status !== ProcurementStatus.PLANNED)
        throw ProcurementError.NOT_EDITABLE({ field: 'input.id', params: { status: procurement.status } });
      const before = { ...procurement };
      const opensOn = input.participationOpensOn ?? procurement.participationOpensOn;
      const closesOn = input.participationClosesOn ?? procurement.participationClosesOn;
      assertWindow(opensOn, closesOn);
      await this.assertLinks(ctx, tx, input.needIds, input.testDecisionIds);
      Object.assign(procurement, {
        ...(input.title !== undefined && input.title !== null ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(category ? { categoryId: category.id } : {}),
        ...(input.procedure ? { procedure: input.procedure } : {}),
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.estimatedValueSek !== undefined ? { estimatedValueSek: input.estimatedValueSek } : {}),
        participationOpensOn: opensOn,
        participationClosesOn: closesOn,
        updatedAt: this.clock.now(),
      });
      const { id, createdAt, createdByUserId, ...changes } = procurement;
      await tx.update(Procurement, { id }, changes);
      if (input.lots) {
        await tx.delete(ProcurementLot, { procurementId: id });
        await this.insertLots(tx, id, input.lots);
      }
      await this.replaceLinks(tx, id, input.needIds, input.testDecisionIds);
      await this.audit.record(ctx, tx, {
        action: 'procurement.updated',
        entityType: 'Procurement',
        entityId: id,
        before,
        after: { ...procurement, lots: input.lots?.map((l) => l.name) },
      });
      return procurement;
    });
  }

  async changeStatus(ctx: RequestContext, input: ChangeProcurementStatusInput): Promise<Procurement> {
    const { procurement, notificationIds } = await this.db.transaction(async (tx) => {
      const procurement = await this.lockForChange(ctx, tx, input.id, 'input.id');
      ProcurementTransitions.assert(procurement.status, input.status, 'input.status');
      if (input.status === ProcurementStatus.AWARDED)
        throw ProcurementError.AWARD_THROUGH_MUTATION({ field: 'input.status' });
      if (input.status === ProcurementStatus.CANCELLED && !input.reason)
        throw ProcurementError.REASON_REQUIRED({ field: 'input.reason' });
      if (input.status === ProcurementStatus.ACTIVE || input.status === ProcurementStatus.EXPIRED) {
        const agreement = await tx.findOneByOrFail(FrameworkAgreement, { procurementId: procurement.id });
        const today = this.clock.today();
        const params = { startsOn: agreement.startsOn, endsOn: agreement.endsOn, today };
        if (input.status === ProcurementStatus.ACTIVE && (today < agreement.startsOn || today > agreement.endsOn))
          throw ProcurementError.NOT_WITHIN_VALIDITY({ field: 'input.status', params });
        if (input.status === ProcurementStatus.EXPIRED && today <= agreement.endsOn)
          throw ProcurementError.NOT_YET_ENDED({ field: 'input.status', params });
      }
      const changed = await this.transition(ctx, tx, procurement, input.status, input.reason ?? null);
      return {
        procurement: changed,
        notificationIds: input.status === ProcurementStatus.CANCELLED ? await this.notifyCancelled(tx, changed) : [],
      };
    });
    await this.notifications.dispatch(notificationIds);
    return procurement;
  }

  /** The participants learn at once: each participating organisation's coordinators and whoever joined for it. */
  private async notifyCancelled(tx: EntityManager, procurement: Procurement): Promise<string[]> {
    const participants = await participantsOf(tx, procurement.id);
    if (participants.length === 0) return [];
    const coordinators = await this.users.withRoles(
      participants.map((p) => p.organizationId),
      [Role.MUNICIPALITY_COORDINATOR],
    );
    const joiners = await activeUserIds(
      tx,
      participants.map((p) => p.joinedByUserId).filter((id): id is string => !!id),
    );
    // The reason is free text: it stays in-app (params), out of the e-mailed body.
    return this.notifications.notify(tx, {
      recipientUserIds: [...coordinators.map((u) => u.id), ...joiners],
      kind: 'procurement.cancelled',
      text: { procurementTitle: procurement.title },
      entityType: 'Procurement',
      entityId: procurement.id,
      params: { procurementId: procurement.id, reason: procurement.cancellationReason },
      dedupeKey: `procurement.cancelled.${procurement.id}`,
    });
  }

  /**
   * Moves a locked procurement to `to` and records who did it: the status history row (user or system),
   * and the audit entry. Callers have checked the rules of the move.
   */
  async transition(
    ctx: RequestContext,
    tx: EntityManager,
    procurement: Procurement,
    to: ProcurementStatus,
    reason: string | null,
  ): Promise<Procurement> {
    ProcurementTransitions.assert(procurement.status, to, 'input.status');
    const before = { ...procurement };
    const now = this.clock.now();
    procurement.status = to;
    procurement.updatedAt = now;
    if (to === ProcurementStatus.CANCELLED) procurement.cancellationReason = reason;
    if (to === ProcurementStatus.OPEN_FOR_PARTICIPATION) procurement.publishedAt ??= now;
    await tx.update(
      Procurement,
      { id: procurement.id },
      {
        status: to,
        updatedAt: now,
        cancellationReason: procurement.cancellationReason,
        publishedAt: procurement.publishedAt,
      },
    );
    await tx.insert(ProcurementStatusChange, {
      procurementId: procurement.id,
      fromStatus: before.status,
      toStatus: to,
      reason,
      changedByUserId: ctx.auditUserId,
      bySystem: !!ctx.actor?.system,
      changedAt: now,
    });
    await this.audit.record(ctx, tx, {
      action: 'procurement.statusChanged',
      entityType: 'Procurement',
      entityId: procurement.id,
      before: { status: before.status },
      after: { status: to, reason },
    });
    if (to === ProcurementStatus.OPEN_FOR_PARTICIPATION) {
      // The thread: the needs a joint procurement answers are IN_PROCUREMENT once municipalities can join it.
      const linked = await procurementNeedIds(tx, procurement.id);
      await this.needThread.advance(
        ctx,
        tx,
        linked,
        NeedStatus.IN_PROCUREMENT,
        `Gemensam upphandling: ${procurement.title}`,
        { entityType: 'Procurement', entityId: procurement.id },
      );
    }
    return procurement;
  }

  async publishRequirementSpecification(
    ctx: RequestContext,
    input: PublishRequirementSpecificationInput,
  ): Promise<RequirementSpecificationVersion> {
    return this.db.transaction(async (tx) => {
      const procurement = await this.lockForChange(ctx, tx, input.procurementId, 'input.procurementId');
      const open = [ProcurementStatus.PLANNED, ProcurementStatus.OPEN_FOR_PARTICIPATION, ProcurementStatus.TENDERING];
      if (!open.includes(procurement.status))
        throw ProcurementError.SPEC_CLOSED({ field: 'input.procurementId', params: { status: procurement.status } });
      const next = await nextSpecificationVersion(tx, procurement.id);
      const version = tx.create(RequirementSpecificationVersion, {
        procurementId: procurement.id,
        version: next,
        summary: input.summary,
        documentUrls: [...new Set(input.documentUrls)],
        publishedAt: this.clock.now(),
        publishedByUserId: ctx.auditUserId,
      });
      await tx.insert(RequirementSpecificationVersion, version);
      await this.audit.record(ctx, tx, {
        action: 'procurement.requirementSpecificationPublished',
        entityType: 'Procurement',
        entityId: procurement.id,
        after: version,
      });
      return version;
    });
  }

  /** Loads and locks a procurement the caller may run (node staff or the lead's coordinator). */
  async lockForChange(ctx: RequestContext, tx: EntityManager, id: string, field: string): Promise<Procurement> {
    const procurement = await tx.findOne(Procurement, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!procurement) throw ProcurementError.NOT_FOUND({ field });
    ProcurementPolicy.assertRuns(ctx, procurement, field);
    return procurement;
  }

  /** Planned (one prepared statement with the asked-for columns) unless a field resolver is asked for. */
  async list(
    ctx: RequestContext,
    args: ProcurementsArgs,
    info?: GraphQLResolveInfo,
  ): Promise<ConnectionResult<Procurement>> {
    const where: SqlFragment[] = [];
    const visible = Visibility.condition(ctx, ProcurementPolicy.scope('p'));
    if (visible) where.push(visible);
    if (args.status) where.push(sql`p.status = ${args.status}`);
    if (args.category) {
      const category = (await this.categories.resolve(ctx, args.category, 'category')).id;
      where.push(sql`p.category_id = ${category}`);
    }
    if (args.openForMyOrganization) {
      if (!JOINING_KINDS.includes(ctx.user.organizationKind)) where.push(sql`false`);
      const [open, today] = [ProcurementStatus.OPEN_FOR_PARTICIPATION, this.clock.today()];
      where.push(sql`p.status = ${open} AND ${today} BETWEEN p.participation_opens_on AND p.participation_closes_on`);
      where.push(
        sql`NOT EXISTS (SELECT 1 FROM procurement_participations pp WHERE pp.procurement_id = p.id AND pp.organization_id = ${ctx.organizationId})`,
      );
    }
    if (args.joinedByMyOrganization)
      where.push(
        sql`EXISTS (SELECT 1 FROM procurement_participations pp WHERE pp.procurement_id = p.id AND pp.organization_id = ${ctx.organizationId})`,
      );
    const request = { where, sort: NEWEST_PROCUREMENTS, page: args };
    const planned = await plannedPage(this.db, info, PROCUREMENT_LIST, request);
    if (planned) return planned;
    const qb = this.db.manager.createQueryBuilder(Procurement, 'p');
    for (const condition of where) whereFragment(qb, condition);
    return paginate(qb, args, NEWEST_PROCUREMENTS);
  }

  async get(ctx: RequestContext, id: string, field = 'id'): Promise<Procurement> {
    const procurement = await this.load(ctx, id);
    if (!procurement) throw ProcurementError.NOT_FOUND({ field });
    ProcurementPolicy.assertCanSee(ctx, procurement, field);
    return procurement;
  }

  /** Without the visibility check: for field resolvers below an already visible parent. */
  load(ctx: RequestContext, id: string): Promise<Procurement | null> {
    return ctx.loaders
      .byKey<string, Procurement>(
        'procurement',
        (ids) => this.db.manager.findBy(Procurement, { id: In([...ids]) }),
        (p) => p.id,
      )
      .load(id);
  }

  lotsOf(ctx: RequestContext, procurementId: string): Promise<ProcurementLot[]> {
    return ctx.loaders
      .manyByKey<string, ProcurementLot>(
        'procurementLots',
        (ids) =>
          this.db.manager.find(ProcurementLot, { where: { procurementId: In([...ids]) }, order: { number: 'ASC' } }),
        (l) => l.procurementId,
      )
      .load(procurementId);
  }

  loadLot(ctx: RequestContext, id: string): Promise<ProcurementLot | null> {
    return ctx.loaders
      .byKey<string, ProcurementLot>(
        'procurementLot',
        (ids) => this.db.manager.findBy(ProcurementLot, { id: In([...ids]) }),
        (l) => l.id,
      )
      .load(id);
  }

  specificationVersionsOf(ctx: RequestContext, procurementId: string): Promise<RequirementSpecificationVersion[]> {
    return ctx.loaders
      .manyByKey<string, RequirementSpecificationVersion>(
        'requirementSpecificationVersions',
        (ids) =>
          this.db.manager.find(RequirementSpecificationVersion, {
            where: { procurementId: In([...ids]) },
            order: { version: 'ASC' },
          }),
        (v) => v.procurementId,
      )
      .load(procurementId);
  }

  statusHistoryOf(ctx: RequestContext, procurementId: string): Promise<ProcurementStatusChange[]> {
    return ctx.loaders
      .manyByKey<string, ProcurementStatusChange>(
        'procurementStatusChanges',
        (ids) =>
          this.db.manager.find(ProcurementStatusChange, {
            where: { procurementId: In([...ids]) },
            order: { changedAt: 'ASC' },
          }),
        (c) => c.procurementId,
      )
      .load(procurementId);
  }

  /** Linked needs must be visible to the caller and not merged; decisions are published to all members. */
  private async assertLinks(
    ctx: RequestContext,
    tx: EntityManager,
    needIds: readonly string[] | undefined,
    testDecisionIds: readonly string[] | undefined,
  ): Promise<void> {
    if (needIds?.length) await this.needs.assertLinkable(ctx, tx, needIds, 'input.needIds');
    if (testDecisionIds?.length)
      await assertReferencesExist(tx, 'test_decisions', testDecisionIds, 'input.testDecisionIds', 'Test decision');
  }

  private async replaceLinks(
    tx: EntityManager,
    procurementId: string,
    needIds: readonly string[] | undefined,
    testDecisionIds: readonly string[] | undefined,
  ): Promise<void> {
    if (needIds) await replaceProcurementNeeds(tx, procurementId, needIds);
    if (testDecisionIds) await replaceProcurementTestDecisions(tx, procurementId, testDecisionIds);
  }

  private async insertLots(
    tx: EntityManager,
    procurementId: string,
    lots: readonly LotInput[],
  ): Promise<ProcurementLot[]> {
    const rows = lots.map((lot, i) =>
      tx.create(ProcurementLot, { procurementId, number: i + 1, name: lot.name, description: lot.description ?? null }),
    );
    await tx.insert(ProcurementLot, rows);
    return rows;
  }
}

function assertWindow(opensOn: string, closesOn: string): void {
  if (closesOn < opensOn) throw ProcurementError.WINDOW_INVALID({ field: 'input.participationClosesOn' });
}

function assertDistinctLotNames(lots: readonly LotInput[]): void {
  const seen = new Set<string>();
  lots.forEach((lot, i) => {
    const key = lot.name.toLowerCase();
    if (seen.has(key))
      throw ProcurementError.DUPLICATE_LOT_NAME({ field: `input.lots.${i}.name`, params: { name: lot.name } });
    seen.add(key);
  });
}
