import { Injectable } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { In, type EntityManager } from 'typeorm';
import {
  AuditService,
  Clock,
  type ConnectionResult,
  Db,
  defineTransitions,
  paginate,
  plannedPage,
  type RequestContext,
  whereFragment,
} from '#core';
import { ProductService } from '#catalog';
import { NeedService } from '#needs';
import { CallOffService, ProcurementError } from '#procurement';
import {
  CHECKLIST_ITEMS,
  type ChecklistData,
  Implementation,
  ImplementationStatus,
  peopleCounts,
} from './implementation.entity.js';
import type {
  ChecklistInput,
  PeopleCountsChangeInput,
  PeopleCountsInput,
  RecordImplementationInput,
  UpdateImplementationInput,
} from './dto/record-implementation.input.js';
import type { ImplementationsArgs } from './dto/implementations.args.js';
import {
  IMPLEMENTATION_LIST,
  implementationListWhere,
  implementationNeedIds,
  isActiveMember,
  NEWEST_IMPLEMENTATIONS,
  replaceImplementationNeeds,
} from './implementation.queries.js';
import { FollowUpPolicy } from '../followup.policy.js';
import { FollowUpError } from '../followup.errors.js';
import { emptyAfterCommit, FollowUpWorkflowService } from '../follow-up/follow-up-workflow.service.js';
import { FollowUp } from '../follow-up/follow-up.entity.js';

export const ImplementationTransitions = defineTransitions<ImplementationStatus>({
  PILOT: ['PILOT', 'BROAD_ROLLOUT', 'DISCONTINUED'],
  BROAD_ROLLOUT: ['BROAD_ROLLOUT', 'DISCONTINUED'],
  DISCONTINUED: [],
} as Record<ImplementationStatus, ImplementationStatus[]>);

@Injectable()
export class ImplementationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly products: ProductService,
    private readonly workflow: FollowUpWorkflowService,
    private readonly needs: NeedService,
    private readonly callOffs: CallOffService,
  ) {}

  async record(ctx: RequestContext, input: RecordImplementationInput): Promise<Implementation> {
    const organizationId = input.organizationId ?? ctx.organizationId;
    FollowUpPolicy.assertEdits(ctx, organizationId);
    await this.products.get(ctx, input.productId, 'input.productId');
    if (input.status === ImplementationStatus.DISCONTINUED && !input.discontinuedReason)
      throw FollowUpError.REASON_REQUIRED({ field: 'input.discontinuedReason' });
    const people = input.people ?? { offered: zero(), accepted: zero(), declined: zero() };
    assertCounts(people);
    const after = emptyAfterCommit();
    const implementation = await this.db.transaction(async (tx) => {
      await this.assertContact(tx, input.responsibleUserId, organizationId, 'input.responsibleUserId');
      const fromCallOff = await this.fromCallOff(
        ctx,
        tx,
        input.callOffId,
        organizationId,
        input.productId,
        input.goLiveOn ?? null,
      );
      await this.needs.assertLinkable(ctx, tx, input.needIds ?? [], 'input.needIds');
      const needIds = [...new Set([...(input.needIds ?? []), ...fromCallOff])];
      const now = this.clock.now();
      const implementation = tx.create(Implementation, {
        organizationId,
        productId: input.productId,
        callOffId: input.callOffId ?? null,
        setting: input.setting,
        status: input.status,
        discontinuedReason: input.status === ImplementationStatus.DISCONTINUED ? input.discontinuedReason! : null,
        goLiveOn: input.goLiveOn ?? null,
        responsibleUserId: input.responsibleUserId,
        ...countColumns(people),
        checklist: mergeChecklist({}, input.checklist),
        version: 1,
        createdByUserId: ctx.auditUserId,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(Implementation, implementation);
      await replaceImplementationNeeds(tx, implementation.id, needIds);
      await this.audit.record(ctx, tx, {
        action: 'implementation.recorded',
        entityType: 'Implementation',
        entityId: implementation.id,
        after: { ...implementation, needIds },
      });
      await this.workflow.syncSchedule(ctx, tx, implementation, after);
      return implementation;
    });
    await this.workflow.afterCommit(after);
    return implementation;
  }

  async update(ctx: RequestContext, input: UpdateImplementationInput): Promise<Implementation> {
    const after = emptyAfterCommit();
    const implementation = await this.db.transaction(async (tx) => {
      const implementation = await tx.findOne(Implementation, {
        where: { id: input.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!implementation) throw FollowUpError.IMPLEMENTATION_NOT_FOUND({ field: 'input.id' });
      FollowUpPolicy.assertCanSee(ctx, implementation, 'input.id');
      FollowUpPolicy.assertEdits(ctx, implementation.organizationId);
      if (implementation.status === ImplementationStatus.DISCONTINUED)
        throw FollowUpError.DISCONTINUED({ field: 'input.id' });
      const before = { ...implementation, checklist: { ...implementation.checklist } };
      if (input.status) {
        ImplementationTransitions.assert(implementation.status, input.status, 'input.status');
        if (input.status === ImplementationStatus.DISCONTINUED && !input.discontinuedReason)
          throw FollowUpError.REASON_REQUIRED({ field: 'input.discontinuedReason' });
        implementation.status = input.status;
        implementation.discontinuedReason =
          input.status === ImplementationStatus.DISCONTINUED ? input.discontinuedReason! : null;
      }
      if (
        input.goLiveOn === null &&
        implementation.goLiveOn &&
        (await tx.existsBy(FollowUp, { implementationId: implementation.id }))
      ) {
        throw FollowUpError.GO_LIVE_CANNOT_BE_CLEARED({ field: 'input.goLiveOn' });
      }
      if (input.goLiveOn !== undefined) implementation.goLiveOn = input.goLiveOn;
      if (input.setting) implementation.setting = input.setting;
      if (input.responsibleUserId) {
        await this.assertContact(tx, input.responsibleUserId, implementation.organizationId, 'input.responsibleUserId');
        implementation.responsibleUserId = input.responsibleUserId;
      }
      const newCallOff = input.callOffId !== undefined && input.callOffId !== implementation.callOffId;
      if (input.callOffId !== undefined) implementation.callOffId = input.callOffId;
      let needIds = input.needIds ?? undefined;
      if (newCallOff || input.goLiveOn !== undefined) {
        const inherited = await this.fromCallOff(
          ctx,
          tx,
          implementation.callOffId,
          implementation.organizationId,
          implementation.productId,
          implementation.goLiveOn,
        );
        if (newCallOff && inherited.length)
          needIds = [...new Set([...(needIds ?? (await implementationNeedIds(tx, implementation.id))), ...inherited])];
      }
      if (input.needIds) await this.needs.assertLinkable(ctx, tx, input.needIds, 'input.needIds');
      if (needIds) await replaceImplementationNeeds(tx, implementation.id, needIds);
      if (input.people) {
        const people = mergePeople(implementation, input.people);
        assertCounts(people);
        Object.assign(implementation, countColumns(people));
      }
      if (input.checklist) implementation.checklist = mergeChecklist(implementation.checklist, input.checklist);
      implementation.version += 1;
      implementation.updatedAt = this.clock.now();
      await tx.save(Implementation, implementation);
      await this.audit.record(ctx, tx, {
        action: 'implementation.updated',
        entityType: 'Implementation',
        entityId: implementation.id,
        before,
        after: { ...implementation, ...(needIds ? { needIds } : {}) },
      });
      await this.workflow.syncSchedule(ctx, tx, implementation, after);
      return implementation;
    });
    await this.workflow.afterCommit(after);
    return implementation;
  }

  async get(ctx: RequestContext, id: string, field = 'id'): Promise<Implementation> {
    const implementation = await this.load(ctx, id);
    if (!implementation || !FollowUpPolicy.canSee(ctx, implementation))
      throw FollowUpError.IMPLEMENTATION_NOT_FOUND({ field });
    return implementation;
  }

  /** Planned (one prepared statement with the asked-for columns and joins) unless a field resolver is asked for. */
  async list(
    ctx: RequestContext,
    args: ImplementationsArgs,
    info?: GraphQLResolveInfo,
  ): Promise<ConnectionResult<Implementation>> {
    const request = { where: implementationListWhere(ctx, args), sort: NEWEST_IMPLEMENTATIONS, page: args };
    const planned = await plannedPage(this.db, info, IMPLEMENTATION_LIST, request);
    if (planned) return planned;
    const qb = this.db.manager.createQueryBuilder(Implementation, 'i');
    for (const condition of request.where) whereFragment(qb, condition);
    return paginate(qb, args, NEWEST_IMPLEMENTATIONS);
  }

  /** Without a visibility check: callers (field resolvers under a visible parent, services) have checked. */
  load(ctx: RequestContext, id: string): Promise<Implementation | null> {
    return ctx.loaders
      .byKey<string, Implementation>(
        'implementation',
        (ids) => this.db.manager.findBy(Implementation, { id: In([...ids]) }),
        (i) => i.id,
      )
      .load(id);
  }

  /**
   * An implementation recorded from a call-off: the call-off must be the organisation's own and for the same
   * product, go-live cannot precede it, and the implementation answers the needs its procurement answers
   * (so the 12-month follow-up closes them). Returns those needs.
   */
  private async fromCallOff(
    ctx: RequestContext,
    tx: EntityManager,
    callOffId: string | null | undefined,
    organizationId: string,
    productId: string,
    goLiveOn: string | null,
  ): Promise<string[]> {
    if (!callOffId) return [];
    const { callOff, needIds } = await this.callOffs.forImplementation(
      ctx,
      tx,
      callOffId,
      organizationId,
      'input.callOffId',
    );
    if (callOff.productId !== productId) throw ProcurementError.CALL_OFF_OF_OTHER_PRODUCT({ field: 'input.productId' });
    if (goLiveOn && goLiveOn < callOff.calledOffOn)
      throw FollowUpError.GO_LIVE_BEFORE_CALL_OFF({
        field: 'input.goLiveOn',
        params: { calledOffOn: callOff.calledOffOn },
      });
    return this.needs.inheritable(ctx, tx, needIds);
  }

  private async assertContact(tx: EntityManager, userId: string, organizationId: string, field: string): Promise<void> {
    if (!(await isActiveMember(tx, userId, organizationId))) throw FollowUpError.CONTACT_NOT_IN_ORGANIZATION({ field });
  }
}

function zero() {
  return { women: 0, men: 0, otherOrUnknown: 0 };
}

function assertCounts(people: PeopleCountsInput): void {
  for (const sex of ['women', 'men', 'otherOrUnknown'] as const) {
    const sum = people.accepted[sex] + people.declined[sex];
    if (sum > people.offered[sex]) {
      throw FollowUpError.COUNTS_EXCEED_OFFERED({
        field: `input.people.accepted.${sex}`,
        params: { sum, offered: people.offered[sex] },
      });
    }
  }
}

/** The counts after a change: a group or a sex left out keeps what was counted. */
function mergePeople(implementation: Implementation, change: PeopleCountsChangeInput): PeopleCountsInput {
  const current = peopleCounts(implementation);
  const group = (name: 'offered' | 'accepted' | 'declined') => ({
    women: change[name]?.women ?? current[name].women,
    men: change[name]?.men ?? current[name].men,
    otherOrUnknown: change[name]?.otherOrUnknown ?? current[name].otherOrUnknown,
  });
  return { offered: group('offered'), accepted: group('accepted'), declined: group('declined') };
}

function countColumns(people: PeopleCountsInput) {
  return {
    offeredWomen: people.offered.women,
    offeredMen: people.offered.men,
    offeredOther: people.offered.otherOrUnknown,
    acceptedWomen: people.accepted.women,
    acceptedMen: people.accepted.men,
    acceptedOther: people.accepted.otherOrUnknown,
    declinedWomen: people.declined.women,
    declinedMen: people.declined.men,
    declinedOther: people.declined.otherOrUnknown,
  };
}

function mergeChecklist(current: ChecklistData, input: ChecklistInput | null | undefined): ChecklistData {
  const result: ChecklistData = { ...current };
  for (const key of CHECKLIST_ITEMS) {
    const item = input?.[key];
    if (item) result[key] = { done: item.done, comment: item.comment ?? null };
  }
  return result;
}
