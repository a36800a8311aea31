import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import {
  assertReferencesExist,
  AuditService,
  Clock,
  type ConnectionResult,
  Db,
  paginate,
  type RequestContext,
  Visibility,
} from '#core';
import { TechnologyCategoryService } from '#catalog';
import { NeedService, NeedStatus, NeedThreadService } from '#needs';
import { NotificationService } from '#notifications';
import { TestProtocol } from './test-protocol.entity.js';
import { TestProtocolNeed, TestProtocolOrganization } from './test-protocol-link.entity.js';
import { SuccessCriterion } from './success-criterion.entity.js';
import { TestStatusChange } from './test-status-change.entity.js';
import type {
  CreateTestProtocolInput,
  SuccessCriterionInput,
  UpdateTestProtocolInput,
} from './dto/test-protocol.input.js';
import type { ChangeTestProtocolStatusInput } from './dto/change-test-protocol-status.input.js';
import type { TestProtocolsArgs } from './dto/test-protocols.args.js';
import { ACCEPTED_CONSENT, type ConsentApproach, ReviewStatus, TestProtocolStatus } from '../testbed.enums.js';
import { TestbedError } from '../testbed.errors.js';
import { type ProtocolParties, TestbedPolicy } from '../testbed.policy.js';
import { ACTIVITY_STATUSES, FROZEN_STATUSES, ProtocolTransitions, SYSTEM_STATUSES } from '../testbed.transitions.js';
import { closeOpenReviews, voterIds } from '../testbed.queries.js';

/** What a change inside the protocol touches: the plan, or what happens during the test. */
export type ChangeKind = 'plan' | 'activity';

@Injectable()
export class TestProtocolService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly categories: TechnologyCategoryService,
    private readonly needs: NeedService,
    private readonly needThread: NeedThreadService,
    private readonly notifications: NotificationService,
  ) {}

  async create(ctx: RequestContext, input: CreateTestProtocolInput): Promise<TestProtocol> {
    const leadOrganizationId = input.leadOrganizationId ?? ctx.organizationId;
    TestbedPolicy.assertCreatesFor(ctx, leadOrganizationId);
    assertConsentByPerson(input.consentApproach);
    assertPeriod(input.plannedStart ?? null, input.plannedEnd ?? null);
    const participantIds = uniqueParticipants(leadOrganizationId, input.participatingOrganizationIds ?? []);
    assertUniqueCriteria(input.successCriteria ?? []);
    const category = await this.categories.resolve(ctx, input.category, 'input.category');

    const id = await this.db.transaction(async (tx) => {
      await assertReferencesExist(
        tx,
        'organizations',
        [leadOrganizationId],
        'input.leadOrganizationId',
        'Organisation',
      );
      await assertReferencesExist(
        tx,
        'organizations',
        participantIds,
        'input.participatingOrganizationIds',
        'Organisation',
      );
      if (input.productId) await assertReferencesExist(tx, 'products', [input.productId], 'input.productId', 'Product');
      const now = this.clock.now();
      const protocol = tx.create(TestProtocol, {
        title: input.title,
        categoryId: category.id,
        productId: input.productId ?? null,
        leadOrganizationId,
        settings: [...new Set(input.settings ?? [])],
        purpose: input.purpose,
        expectedBenefit: input.expectedBenefit ?? null,
        baseline: input.baseline ?? null,
        plannedStart: input.plannedStart ?? null,
        plannedEnd: input.plannedEnd ?? null,
        broadRolloutIntended: input.broadRolloutIntended ?? false,
        consentApproach: input.consentApproach,
        consentDescription: input.consentDescription ?? null,
        informationSecurity: input.informationSecurity ?? null,
        workEnvironment: input.workEnvironment ?? null,
        involvement: input.involvement ?? null,
        risks: input.risks ?? null,
        documents: (input.documents ?? []).map((d) => ({ title: d.title, url: d.url })),
        status: TestProtocolStatus.DRAFT,
        published: false,
        versionCount: 0,
        createdByUserId: ctx.userId,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(TestProtocol, protocol);
      if (participantIds.length)
        await tx.insert(
          TestProtocolOrganization,
          participantIds.map((organizationId) => ({ protocolId: protocol.id, organizationId })),
        );
      await this.replaceCriteria(tx, protocol.id, input.successCriteria ?? []);
      const needIds = await this.linkNeeds(ctx, tx, protocol, input.needIds ?? []);
      await tx.insert(TestStatusChange, {
        protocolId: protocol.id,
        fromStatus: null,
        toStatus: TestProtocolStatus.DRAFT,
        reason: null,
        changedByUserId: ctx.auditUserId,
        changedAt: now,
      });
      await this.audit.record(ctx, tx, {
        action: 'testProtocol.created',
        entityType: 'TestProtocol',
        entityId: protocol.id,
        after: { ...protocol, participantIds, needIds },
      });
      return protocol.id;
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, input: UpdateTestProtocolInput): Promise<TestProtocol> {
    if (input.consentApproach != null) assertConsentByPerson(input.consentApproach);
    if (input.successCriteria) assertUniqueCriteria(input.successCriteria);
    const category = input.category ? await this.categories.resolve(ctx, input.category, 'input.category') : null;

    await this.db.transaction(async (tx) => {
      const { protocol, participantIds } = await this.openForChange(ctx, tx, input.id, 'plan', 'lead', 'input.id');
      const before = { ...protocol, participantIds };
      const leadOrganizationId = input.leadOrganizationId ?? protocol.leadOrganizationId;
      if (leadOrganizationId !== protocol.leadOrganizationId) {
        TestbedPolicy.assertCreatesFor(ctx, leadOrganizationId);
        await assertReferencesExist(
          tx,
          'organizations',
          [leadOrganizationId],
          'input.leadOrganizationId',
          'Organisation',
        );
      }
      const participants = input.participatingOrganizationIds
        ? uniqueParticipants(leadOrganizationId, input.participatingOrganizationIds)
        : participantIds;
      if (!input.participatingOrganizationIds && participants.includes(leadOrganizationId)) {
        throw TestbedError.LEAD_ALSO_PARTICIPANT({
          field: 'input.leadOrganizationId',
          params: { field: 'input.leadOrganizationId' },
        });
      }
      if (input.productId) await assertReferencesExist(tx, 'products', [input.productId], 'input.productId', 'Product');

      const changes: Partial<TestProtocol> = {
        title: input.title ?? protocol.title,
        categoryId: category?.id ?? protocol.categoryId,
        productId: input.productId !== undefined ? input.productId : protocol.productId,
        leadOrganizationId,
        settings: input.settings ? [...new Set(input.settings)] : protocol.settings,
        purpose: input.purpose ?? protocol.purpose,
        expectedBenefit: pick(input.expectedBenefit, protocol.expectedBenefit),
        baseline: pick(input.baseline, protocol.baseline),
        plannedStart: pick(input.plannedStart, protocol.plannedStart),
        plannedEnd: pick(input.plannedEnd, protocol.plannedEnd),
        broadRolloutIntended: input.broadRolloutIntended ?? protocol.broadRolloutIntended,
        consentApproach: input.consentApproach ?? protocol.consentApproach,
        consentDescription: pick(input.consentDescription, protocol.consentDescription),
        informationSecurity: pick(input.informationSecurity, protocol.informationSecurity),
        workEnvironment: pick(input.workEnvironment, protocol.workEnvironment),
        involvement: pick(input.involvement, protocol.involvement),
        risks: pick(input.risks, protocol.risks),
        documents: input.documents ? input.documents.map((d) => ({ title: d.title, url: d.url })) : protocol.documents,
        updatedAt: this.clock.now(),
      };
      assertPeriod(
        changes.plannedStart ?? null,
        changes.plannedEnd ?? null,
        input.plannedEnd !== undefined ? 'input.plannedEnd' : 'input.plannedStart',
      );
      await tx.update(TestProtocol, { id: protocol.id }, changes);
      if (input.participatingOrganizationIds) {
        await assertReferencesExist(
          tx,
          'organizations',
          participants,
          'input.participatingOrganizationIds',
          'Organisation',
        );
        await tx.delete(TestProtocolOrganization, { protocolId: protocol.id });
        if (participants.length)
          await tx.insert(
            TestProtocolOrganization,
            participants.map((organizationId) => ({ protocolId: protocol.id, organizationId })),
          );
      }
      if (input.successCriteria) await this.replaceCriteria(tx, protocol.id, input.successCriteria);
      const needIds = input.needIds ? await this.linkNeeds(ctx, tx, protocol, input.needIds) : undefined;
      await this.audit.record(ctx, tx, {
        action: 'testProtocol.updated',
        entityType: 'TestProtocol',
        entityId: protocol.id,
        before,
        after: {
          ...protocol,
          ...changes,
          participantIds: participants,
          needIds,
          successCriteria: input.successCriteria ?? undefined,
        },
      });
    });
    return this.get(ctx, input.id);
  }

  async changeStatus(ctx: RequestContext, input: ChangeTestProtocolStatusInput): Promise<TestProtocol> {
    await this.db.transaction(async (tx) => {
      const protocol = await this.lock(ctx, tx, input.id, 'input.id');
      TestbedPolicy.assertCanSee(
        ctx,
        { protocol, participantIds: await this.participantIdsIn(tx, protocol.id) },
        'input.id',
      );
      TestbedPolicy.assertLeads(ctx, protocol);
      if (SYSTEM_STATUSES.includes(input.status) && ProtocolTransitions.can(protocol.status, input.status)) {
        throw TestbedError.USE_SUBMIT({ field: 'input.status', params: { to: input.status } });
      }
      ProtocolTransitions.assert(protocol.status, input.status, 'input.status');
      if (input.status === TestProtocolStatus.COMPLETED && FROZEN_STATUSES.includes(protocol.status)) {
        await this.reopen(ctx, tx, protocol, input.reason ?? null);
        return;
      }
      await this.transition(ctx, tx, protocol, input.status, input.reason ?? null);
    });
    return this.get(ctx, input.id);
  }

  /**
   * Locks the protocol for a change inside it and applies the versioning rule: a change to a submitted or
   * decided protocol reopens it to COMPLETED, so the next submission freezes a new version that needs a new
   * review. The plan is edited in DRAFT, or as such a revision after a first submission; what happens during
   * the test is recorded while it runs or after.
   */
  async openForChange(
    ctx: RequestContext,
    tx: EntityManager,
    id: string,
    kind: ChangeKind,
    access: 'lead' | 'participant',
    field: string,
  ): Promise<ProtocolParties> {
    const protocol = await this.lock(ctx, tx, id, field);
    const participantIds = await this.participantIdsIn(tx, protocol.id);
    const parties = { protocol, participantIds };
    TestbedPolicy.assertCanSee(ctx, parties, field);
    if (access === 'lead') TestbedPolicy.assertLeads(ctx, protocol);
    else TestbedPolicy.assertReportsIn(ctx, parties);
    const revision = FROZEN_STATUSES.includes(protocol.status);
    const allowed =
      kind === 'plan'
        ? protocol.status === TestProtocolStatus.DRAFT ||
          revision ||
          (protocol.status === TestProtocolStatus.COMPLETED && protocol.versionCount > 0)
        : ACTIVITY_STATUSES.includes(protocol.status) || revision;
    if (!allowed) {
      const error = kind === 'plan' ? TestbedError.PLAN_LOCKED : TestbedError.ACTIVITY_NOT_OPEN;
      throw error({ field, params: { status: protocol.status } });
    }
    if (revision) await this.reopen(ctx, tx, protocol, null);
    return parties;
  }

  /**
   * Back to COMPLETED: an open review of the current version is closed as SUPERSEDED; its votes no longer count,
   * and everyone who voted is told (in the outbox with the change; the worker's sweep delivers the e-mail).
   */
  private async reopen(
    ctx: RequestContext,
    tx: EntityManager,
    protocol: TestProtocol,
    reason: string | null,
  ): Promise<void> {
    const now = this.clock.now();
    if (protocol.status === TestProtocolStatus.SUBMITTED_FOR_REVIEW) {
      const superseded = await closeOpenReviews(tx, protocol.id, ReviewStatus.OPEN, ReviewStatus.SUPERSEDED, now);
      for (const version of superseded)
        await this.notifyVotersOfSupersededReview(tx, protocol, version.id, Number(version.versionNumber));
    }
    const why =
      reason ??
      `Ändrat efter inlämning av version ${protocol.versionCount}; nästa inlämning blir version ${protocol.versionCount + 1}.`;
    await this.transition(ctx, tx, protocol, TestProtocolStatus.COMPLETED, why);
  }

  private async notifyVotersOfSupersededReview(
    tx: EntityManager,
    protocol: TestProtocol,
    versionId: string,
    versionNumber: number,
  ): Promise<void> {
    await this.notifications.notify(tx, {
      recipientUserIds: await voterIds(tx, versionId),
      kind: 'testProtocol.reviewSuperseded',
      text: { protocolTitle: protocol.title },
      entityType: 'TestProtocol',
      entityId: protocol.id,
      params: { versionId, versionNumber },
      dedupeKey: `testProtocol.reviewSuperseded.${versionId}`,
    });
  }

  /** Moves the (locked) protocol and keeps the step: who, when, from, to, why. */
  async transition(
    ctx: RequestContext,
    tx: EntityManager,
    protocol: TestProtocol,
    to: TestProtocolStatus,
    reason: string | null,
  ): Promise<void> {
    ProtocolTransitions.assert(protocol.status, to);
    const from = protocol.status;
    const now = this.clock.now();
    const published = protocol.published || to === TestProtocolStatus.RUNNING;
    await tx.update(TestProtocol, { id: protocol.id }, { status: to, published, updatedAt: now });
    await tx.insert(TestStatusChange, {
      protocolId: protocol.id,
      fromStatus: from,
      toStatus: to,
      reason,
      changedByUserId: ctx.auditUserId,
      changedAt: now,
    });
    await this.audit.record(ctx, tx, {
      action: 'testProtocol.statusChanged',
      entityType: 'TestProtocol',
      entityId: protocol.id,
      before: { status: from },
      after: { status: to, reason },
    });
    Object.assign(protocol, { status: to, published, updatedAt: now });
    if (to === TestProtocolStatus.RUNNING) {
      const linked = (await tx.findBy(TestProtocolNeed, { protocolId: protocol.id })).map((r) => r.needId);
      await this.markNeedsInTest(ctx, tx, protocol, linked);
    }
  }

  async lock(_ctx: RequestContext, tx: EntityManager, id: string, field = 'id'): Promise<TestProtocol> {
    const protocol = await tx.findOne(TestProtocol, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!protocol) throw TestbedError.PROTOCOL_NOT_FOUND({ field });
    return protocol;
  }

  async get(ctx: RequestContext, id: string, field = 'id'): Promise<TestProtocol> {
    const protocol = await this.load(ctx, id);
    const participantIds = protocol ? await this.participantIdsOf(ctx, protocol.id) : [];
    if (!protocol || !TestbedPolicy.canSee(ctx, { protocol, participantIds }))
      throw TestbedError.PROTOCOL_NOT_FOUND({ field });
    return protocol;
  }

  async list(ctx: RequestContext, args: TestProtocolsArgs): Promise<ConnectionResult<TestProtocol>> {
    const qb = this.db.manager.createQueryBuilder(TestProtocol, 'p');
    Visibility.scope(ctx, qb, TestbedPolicy.scope);
    if (args.status) qb.andWhere('p.status = :status', { status: args.status });
    if (args.category)
      qb.andWhere('p.category_id = :category', {
        category: (await this.categories.resolve(ctx, args.category, 'category')).id,
      });
    if (args.organizationId) {
      qb.andWhere(
        '(p.lead_organization_id = :org OR p.id IN (SELECT f.protocol_id FROM test_protocol_organizations f WHERE f.organization_id = :org))',
        { org: args.organizationId },
      );
    }
    return paginate(qb, args, [
      { expression: 'p.created_at', direction: 'DESC', value: (p) => p.createdAt },
      { expression: 'p.id', direction: 'DESC', value: (p) => p.id },
    ]);
  }

  load(ctx: RequestContext, id: string): Promise<TestProtocol | null> {
    return ctx.loaders
      .byKey<string, TestProtocol>(
        'testProtocol',
        (ids) => this.db.manager.findBy(TestProtocol, { id: In([...ids]) }),
        (p) => p.id,
      )
      .load(id);
  }

  async participantIdsOf(ctx: RequestContext, protocolId: string): Promise<string[]> {
    const rows = await ctx.loaders
      .manyByKey<string, TestProtocolOrganization>(
        'testProtocolOrganizations',
        (ids) => this.db.manager.findBy(TestProtocolOrganization, { protocolId: In([...ids]) }),
        (r) => r.protocolId,
      )
      .load(protocolId);
    return rows.map((r) => r.organizationId);
  }

  criteriaOf(ctx: RequestContext, protocolId: string): Promise<SuccessCriterion[]> {
    return ctx.loaders
      .manyByKey<string, SuccessCriterion>(
        'testSuccessCriteria',
        (ids) =>
          this.db.manager.find(SuccessCriterion, { where: { protocolId: In([...ids]) }, order: { position: 'ASC' } }),
        (c) => c.protocolId,
      )
      .load(protocolId);
  }

  statusHistoryOf(ctx: RequestContext, protocolId: string): Promise<TestStatusChange[]> {
    return ctx.loaders
      .manyByKey<string, TestStatusChange>(
        'testStatusChanges',
        (ids) =>
          this.db.manager.find(TestStatusChange, {
            where: { protocolId: In([...ids]) },
            order: { changedAt: 'ASC', seq: 'ASC' },
          }),
        (c) => c.protocolId,
      )
      .load(protocolId);
  }

  async participantIdsIn(tx: EntityManager, protocolId: string): Promise<string[]> {
    const rows = await tx.findBy(TestProtocolOrganization, { protocolId });
    return rows.map((r) => r.organizationId);
  }

  /**
   * Replaces the protocol's links to needs (each must be visible and not merged) and answers the ids that
   * were added; needs linked to a test that already runs move to IN_TEST at once.
   */
  private async linkNeeds(
    ctx: RequestContext,
    tx: EntityManager,
    protocol: TestProtocol,
    needIds: readonly string[],
  ): Promise<string[]> {
    const protocolId = protocol.id;
    const wanted = [...new Set(needIds)];
    await this.needs.assertLinkable(ctx, tx, wanted, 'input.needIds');
    const existing = new Set((await tx.findBy(TestProtocolNeed, { protocolId })).map((r) => r.needId));
    const removed = [...existing].filter((id) => !wanted.includes(id));
    const added = wanted.filter((id) => !existing.has(id));
    if (removed.length) await tx.delete(TestProtocolNeed, { protocolId, needId: In(removed) });
    if (added.length)
      await tx.insert(
        TestProtocolNeed,
        added.map((needId) => ({ protocolId, needId })),
      );
    if (protocol.status !== TestProtocolStatus.DRAFT && protocol.status !== TestProtocolStatus.WITHDRAWN)
      await this.markNeedsInTest(ctx, tx, protocol, added);
    return added;
  }

  /** The thread: the needs a running test answers are IN_TEST, and their reporters are told (S4:336). */
  private async markNeedsInTest(
    ctx: RequestContext,
    tx: EntityManager,
    protocol: TestProtocol,
    needIds: readonly string[],
  ): Promise<void> {
    await this.needThread.advance(ctx, tx, needIds, NeedStatus.IN_TEST, `Testas: ${protocol.title}`, {
      entityType: 'TestProtocol',
      entityId: protocol.id,
    });
  }

  /** Criteria named by id are kept (with their results); others are added; those left out are removed. */
  private async replaceCriteria(
    tx: EntityManager,
    protocolId: string,
    criteria: readonly SuccessCriterionInput[],
  ): Promise<void> {
    const existing = await tx.findBy(SuccessCriterion, { protocolId });
    const known = new Set(existing.map((c) => c.id));
    criteria.forEach((c, i) => {
      if (c.id && !known.has(c.id)) throw TestbedError.CRITERION_NOT_FOUND({ field: `input.successCriteria.${i}.id` });
    });
    const kept = new Set(criteria.map((c) => c.id).filter(Boolean));
    const removed = existing.filter((c) => !kept.has(c.id)).map((c) => c.id);
    if (removed.length) await tx.delete(SuccessCriterion, { id: In(removed) });
    for (const [position, c] of criteria.entries()) {
      const values = {
        position,
        name: c.name,
        targetValue: c.targetValue,
        unit: c.unit,
        description: c.description ?? null,
      };
      if (c.id) await tx.update(SuccessCriterion, { id: c.id }, values);
      else await tx.insert(SuccessCriterion, { protocolId, ...values });
    }
  }
}

/** S2:230: consent is given by the person, with support if needed; never by relatives or a guardian. */
function assertConsentByPerson(approach: ConsentApproach): void {
  if (!ACCEPTED_CONSENT.includes(approach))
    throw TestbedError.CONSENT_BY_PROXY({ field: 'input.consentApproach', params: { field: 'input.consentApproach' } });
}

function assertPeriod(start: string | null, end: string | null, field = 'input.plannedEnd'): void {
  if (start && end && end < start) throw TestbedError.PERIOD_ENDS_BEFORE_START({ field, params: { field } });
}

function uniqueParticipants(leadOrganizationId: string, ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.includes(leadOrganizationId)) {
    throw TestbedError.LEAD_ALSO_PARTICIPANT({
      field: 'input.participatingOrganizationIds',
      params: { field: 'input.participatingOrganizationIds' },
    });
  }
  return unique;
}

function assertUniqueCriteria(criteria: readonly SuccessCriterionInput[]): void {
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    const key = c.name.trim().toLowerCase();
    if (seen.has(key))
      throw TestbedError.DUPLICATE_CRITERION({
        field: `input.successCriteria.${i}.name`,
        params: { field: `input.successCriteria.${i}.name` },
      });
    seen.add(key);
  });
}

/** For optional fields: left out keeps the value, null clears it. */
function pick<T>(given: T | null | undefined, current: T | null): T | null {
  return given === undefined ? current : given;
}
