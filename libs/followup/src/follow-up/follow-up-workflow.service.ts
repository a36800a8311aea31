import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  addDays,
  AuditService,
  calendarDate,
  Clock,
  Db,
  JobQueue,
  QueueName,
  RequestContext,
  Role,
  UserService,
} from '#core';
import { type NotificationDraft, NotificationService } from '#notifications';
import { FollowUp, FollowUpStatus, UNANSWERED_STATUSES } from './follow-up.entity.js';
import { type FollowUpStepDetail, followUpStepDetails, updateFollowUpSteps } from './follow-up.queries.js';
import {
  dueOnFor,
  ESCALATE_AFTER_DAYS,
  escalateAt,
  FollowUpStep,
  openAt,
  REMIND_AFTER_DAYS,
  remindAt,
  WAVES,
} from './follow-up-schedule.js';
import { Implementation, ImplementationStatus } from '../implementation/implementation.entity.js';
import { IndicatorService } from '../indicators/indicator.service.js';
import { type FollowUpStepPayload, STEP_JOBS } from '../jobs/follow-up.jobs.js';

/** Follow-ups per step transaction: bounds lock time and statement size, however large the backlog. */
export const STEP_BATCH = 500;
const REDIS_TIMEOUT_MS = 2000;

/** Work to do in Redis once the transaction has committed: never before, so a job never sees uncommitted state. */
export interface AfterCommit {
  enqueue: { step: FollowUpStep; payload: FollowUpStepPayload; at: Date }[];
  removeJobIds: string[];
  notificationIds: string[];
}

export function emptyAfterCommit(): AfterCommit {
  return { enqueue: [], removeJobIds: [], notificationIds: [] };
}

export type StepOutcome = 'done' | 'stale' | 'not-due' | 'missing' | 'nothing-to-do';

/**
 * The follow-up schedule. Postgres is the record (status, due date, which steps are done, schedule version);
 * BullMQ jobs only say when to look. Every step re-reads and locks the row and does nothing unless its moment
 * has come and it has not been done: a job that is late, early, duplicated or for an older schedule is harmless.
 */
@Injectable()
export class FollowUpWorkflowService {
  private readonly logger = new Logger('FollowUpWorkflow');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationService,
    private readonly users: UserService,
    private readonly indicators: IndicatorService,
  ) {}

  /**
   * Brings the implementation's follow-ups in line with it, inside the caller's transaction: creates the 12- and
   * 24-month ones at go-live, moves the unanswered ones when the date changes, cancels them when discontinued.
   */
  async syncSchedule(
    ctx: RequestContext,
    tx: EntityManager,
    implementation: Implementation,
    after: AfterCommit,
  ): Promise<void> {
    const existing = await tx.find(FollowUp, {
      where: { implementationId: implementation.id },
      lock: { mode: 'pessimistic_write' },
    });
    const now = this.clock.now();
    if (implementation.status === ImplementationStatus.DISCONTINUED) {
      for (const followUp of existing.filter(isUnanswered)) {
        const before = { ...followUp };
        this.forgetJobs(followUp, after);
        Object.assign(followUp, {
          status: FollowUpStatus.CANCELLED,
          cancelledAt: now,
          cancelReason: implementation.discontinuedReason,
          scheduleVersion: followUp.scheduleVersion + 1,
          updatedAt: now,
        });
        await tx.save(FollowUp, followUp);
        await this.audit.record(ctx, tx, {
          action: 'followUp.cancelled',
          entityType: 'FollowUp',
          entityId: followUp.id,
          before,
          after: followUp,
        });
      }
      return;
    }
    if (!implementation.goLiveOn) return;
    for (const wave of WAVES) {
      const dueOn = dueOnFor(implementation.goLiveOn, wave);
      const current = existing.find((f) => f.wave === wave);
      if (!current) {
        const followUp = tx.create(FollowUp, {
          implementationId: implementation.id,
          organizationId: implementation.organizationId,
          wave,
          dueOn,
          status: FollowUpStatus.SCHEDULED,
          scheduleVersion: 1,
          createdAt: now,
          updatedAt: now,
        });
        await tx.insert(FollowUp, followUp);
        await this.audit.record(ctx, tx, {
          action: 'followUp.scheduled',
          entityType: 'FollowUp',
          entityId: followUp.id,
          after: followUp,
        });
        after.enqueue.push({ step: FollowUpStep.Open, payload: payloadOf(followUp), at: openAt(dueOn) });
      } else if (isUnanswered(current) && current.dueOn !== dueOn) {
        const before = { ...current };
        this.forgetJobs(current, after);
        // Moved: back to SCHEDULED on the new date; the steps already taken count for the old date only.
        Object.assign(current, {
          dueOn,
          status: FollowUpStatus.SCHEDULED,
          scheduleVersion: current.scheduleVersion + 1,
          indicatorSetId: null,
          openedAt: null,
          remindedAt: null,
          escalatedAt: null,
          updatedAt: now,
        });
        await tx.save(FollowUp, current);
        await this.audit.record(ctx, tx, {
          action: 'followUp.moved',
          entityType: 'FollowUp',
          entityId: current.id,
          before,
          after: current,
        });
        after.enqueue.push({ step: FollowUpStep.Open, payload: payloadOf(current), at: openAt(dueOn) });
      }
    }
  }

  /**
   * Runs one step of one follow-up if, and only if, its moment has come and it has not been done. A job
   * that finds its step due also takes up to `STEP_BATCH - 1` other follow-ups due for the same step, in
   * the same transaction: the thousands of jobs due at one moment cost a few dozen transactions, and the
   * jobs for follow-ups already taken answer `nothing-to-do` from one unlocked read.
   */
  async runStep(step: FollowUpStep, payload: FollowUpStepPayload): Promise<StepOutcome> {
    // Unlocked first look: once a step is done or its schedule moved on, it never becomes due again.
    const current = await this.db.manager.findOneBy(FollowUp, { id: payload.followUpId });
    const outcome = outcomeFor(step, current, payload, this.clock.now());
    if (outcome !== 'done') return outcome;
    return (await this.runBatch(step, payload)).own!;
  }

  /**
   * Finds every step that is due by the clock but not done and takes it, in transactions of at most
   * `STEP_BATCH` follow-ups, until none is left: nothing depends on the jobs enqueued earlier, so steps whose
   * jobs Redis lost, or whose jobs completed too early or failed for good, are done here. Rows locked by
   * another worker are skipped (it is taking them); running twice, or late, does nothing more.
   */
  async reconcile(): Promise<number> {
    let taken = 0;
    for (const step of [FollowUpStep.Open, FollowUpStep.Remind, FollowUpStep.Escalate]) {
      for (;;) {
        const batch = await this.runBatch(step);
        taken += batch.taken;
        if (batch.taken < STEP_BATCH) break;
      }
    }
    if (taken) this.logger.log({ message: 'reconciled follow-up steps', steps: taken });
    return taken;
  }

  /** One transaction: the job's own follow-up (locked, waiting) plus others due for the step (SKIP LOCKED). */
  private async runBatch(step: FollowUpStep, own?: FollowUpStepPayload): Promise<{ own?: StepOutcome; taken: number }> {
    const after = emptyAfterCommit();
    const result = await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const batch: FollowUp[] = [];
      let ownOutcome: StepOutcome | undefined;
      if (own) {
        const followUp = await tx.findOne(FollowUp, {
          where: { id: own.followUpId },
          lock: { mode: 'pessimistic_write' },
        });
        ownOutcome = outcomeFor(step, followUp, own, now);
        if (ownOutcome !== 'done') return { own: ownOutcome, taken: 0 };
        batch.push(followUp!);
      }
      const due = dueCondition(step, now);
      const qb = tx.createQueryBuilder(FollowUp, 'f').where(due.sql, due.params);
      if (own) qb.andWhere('f.id <> :ownId', { ownId: own.followUpId });
      batch.push(
        ...(await qb
          .orderBy('f.due_on')
          .addOrderBy('f.id')
          .limit(STEP_BATCH - batch.length)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany()),
      );
      if (batch.length) await this.takeStep(tx, step, batch, now, after);
      return { own: ownOutcome, taken: batch.length };
    });
    await this.afterCommit(after);
    return result;
  }

  /** The step for locked follow-ups known to be due: one UPDATE, one audit INSERT, one notification INSERT. */
  private async takeStep(
    tx: EntityManager,
    step: FollowUpStep,
    batch: FollowUp[],
    now: Date,
    after: AfterCommit,
  ): Promise<void> {
    const details = await followUpStepDetails(
      tx,
      batch.map((f) => f.id),
    );
    const detailOf = new Map(details.map((d) => [d.id, d]));
    const setIdOf = new Map<string, string | null>();
    if (step === FollowUpStep.Open) {
      for (const categoryId of new Set(details.map((d) => d.categoryId)))
        setIdOf.set(categoryId, (await this.indicators.currentFor(tx, categoryId))?.id ?? null);
    }
    const staffIds =
      step === FollowUpStep.Escalate ? (await this.users.withRoles('ANY', [Role.NODE_STAFF])).map((u) => u.id) : [];

    const changed = batch.map((before) => {
      const detail = detailOf.get(before.id)!;
      const changes: Partial<FollowUp> =
        step === FollowUpStep.Open
          ? {
              status: FollowUpStatus.OPEN,
              openedAt: now,
              indicatorSetId: setIdOf.get(detail.categoryId) ?? null,
              updatedAt: now,
            }
          : step === FollowUpStep.Remind
            ? { remindedAt: now, updatedAt: now }
            : { status: FollowUpStatus.OVERDUE, escalatedAt: now, updatedAt: now };
      return { before, after: { ...before, ...changes }, detail };
    });
    await updateFollowUpSteps(
      tx,
      now,
      changed.map((c) => c.after),
    );
    const action = {
      [FollowUpStep.Open]: 'followUp.opened',
      [FollowUpStep.Remind]: 'followUp.reminded',
      [FollowUpStep.Escalate]: 'followUp.escalated',
    }[step];
    await this.audit.recordMany(
      tx,
      changed.map((c) => ({
        ctx: systemContext(c.after),
        entry: { action, entityType: 'FollowUp', entityId: c.after.id, before: c.before, after: c.after },
      })),
    );
    after.notificationIds.push(
      ...(await this.notifications.notifyMany(
        tx,
        changed.map((c) => notificationFor(step, c.after, c.detail, staffIds)),
      )),
    );
    if (step === FollowUpStep.Open) {
      for (const { after: followUp } of changed) {
        after.enqueue.push({ step: FollowUpStep.Remind, payload: payloadOf(followUp), at: remindAt(now) });
        after.enqueue.push({ step: FollowUpStep.Escalate, payload: payloadOf(followUp), at: escalateAt(now) });
      }
    }
  }

  /** Post-commit: deliver the notifications, enqueue the next steps, drop jobs that became pointless. Never throws. */
  async afterCommit(after: AfterCommit): Promise<void> {
    await this.notifications.dispatch(after.notificationIds);
    const now = this.clock.now().getTime();
    await this.jobs.enqueueAll(
      after.enqueue.map((e) => ({ definition: STEP_JOBS[e.step], payload: e.payload, delayMs: e.at.getTime() - now })),
    );
    await Promise.all(after.removeJobIds.map((id) => this.redis(() => this.jobs.queue(QueueName.FollowUp).remove(id))));
  }

  /** Jobs of the current schedule become no-ops when it changes; removing them is tidiness, not correctness. */
  forgetJobs(followUp: FollowUp, after: AfterCommit): void {
    const payload = payloadOf(followUp);
    for (const step of Object.values(FollowUpStep)) after.removeJobIds.push(STEP_JOBS[step].jobId!(payload));
  }

  private async redis<T>(work: () => Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), REDIS_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      this.logger.warn({
        message: 'queue operation failed; the reconciler will retry',
        error: (error as Error).message,
      });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Whether the step is due for this follow-up as the job saw it ('done' means: take it now). */
function outcomeFor(
  step: FollowUpStep,
  followUp: FollowUp | null,
  payload: FollowUpStepPayload,
  now: Date,
): StepOutcome {
  if (!followUp) return 'missing';
  if (followUp.scheduleVersion !== payload.scheduleVersion || followUp.dueOn !== payload.dueOn) return 'stale';
  switch (step) {
    case FollowUpStep.Open:
      if (followUp.status !== FollowUpStatus.SCHEDULED) return 'nothing-to-do';
      return now < openAt(followUp.dueOn) ? 'not-due' : 'done';
    case FollowUpStep.Remind:
      if (!isOpen(followUp) || followUp.remindedAt || !followUp.openedAt) return 'nothing-to-do';
      return now < remindAt(followUp.openedAt) ? 'not-due' : 'done';
    case FollowUpStep.Escalate:
      if (followUp.status !== FollowUpStatus.OPEN || followUp.escalatedAt || !followUp.openedAt) return 'nothing-to-do';
      return now < escalateAt(followUp.openedAt) ? 'not-due' : 'done';
  }
}

/** The same rules as `outcomeFor`, as SQL over many rows. */
function dueCondition(step: FollowUpStep, now: Date): { sql: string; params: Record<string, unknown> } {
  switch (step) {
    case FollowUpStep.Open:
      return {
        sql: `f.status = 'SCHEDULED' AND f.due_on <= CAST(:today AS date)`,
        params: { today: calendarDate(now) },
      };
    case FollowUpStep.Remind:
      return {
        sql: `f.status IN ('OPEN', 'OVERDUE') AND f.reminded_at IS NULL AND f.opened_at <= :openedBefore`,
        params: { openedBefore: addDays(now, -REMIND_AFTER_DAYS) },
      };
    case FollowUpStep.Escalate:
      return {
        sql: `f.status = 'OPEN' AND f.escalated_at IS NULL AND f.opened_at <= :openedBefore`,
        params: { openedBefore: addDays(now, -ESCALATE_AFTER_DAYS) },
      };
  }
}

function notificationFor(
  step: FollowUpStep,
  followUp: FollowUp,
  detail: Pick<FollowUpStepDetail, 'responsibleUserId' | 'productId' | 'productName'>,
  staffIds: string[],
): NotificationDraft {
  const product = detail.productName;
  switch (step) {
    case FollowUpStep.Open:
      return {
        recipientUserIds: [detail.responsibleUserId],
        kind: 'followUp.opened',
        text: { productName: product },
        entityType: 'FollowUp',
        entityId: followUp.id,
        params: { wave: followUp.wave, dueOn: followUp.dueOn, productId: detail.productId },
        dedupeKey: dedupeKey('opened', followUp),
      };
    case FollowUpStep.Remind:
      return {
        recipientUserIds: [detail.responsibleUserId],
        kind: 'followUp.reminder',
        text: { productName: product },
        entityType: 'FollowUp',
        entityId: followUp.id,
        params: { wave: followUp.wave, dueOn: followUp.dueOn },
        dedupeKey: dedupeKey('reminded', followUp),
      };
    case FollowUpStep.Escalate:
      return {
        recipientUserIds: staffIds,
        kind: 'followUp.overdue',
        text: { productName: product },
        entityType: 'FollowUp',
        entityId: followUp.id,
        params: { wave: followUp.wave, dueOn: followUp.dueOn, organizationId: followUp.organizationId },
        dedupeKey: dedupeKey('overdue', followUp),
      };
  }
}

export function payloadOf(followUp: FollowUp): FollowUpStepPayload {
  return { followUpId: followUp.id, dueOn: followUp.dueOn, scheduleVersion: followUp.scheduleVersion };
}

/** One notification per (follow-up, step, due date): the outbox refuses a second. */
function dedupeKey(step: string, followUp: FollowUp): string {
  return `followUp.${step}.${followUp.id}.${followUp.dueOn}`;
}

function isUnanswered(followUp: FollowUp): boolean {
  return (UNANSWERED_STATUSES as readonly FollowUpStatus[]).includes(followUp.status);
}

function isOpen(followUp: FollowUp): boolean {
  return followUp.status === FollowUpStatus.OPEN || followUp.status === FollowUpStatus.OVERDUE;
}

/** Steps are taken by the system on behalf of the follow-up's organisation. */
function systemContext(followUp: FollowUp): RequestContext {
  return RequestContext.system(followUp.organizationId, `job-followup-${followUp.id}`);
}
