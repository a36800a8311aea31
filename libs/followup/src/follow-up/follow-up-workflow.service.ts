import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, calendarDate, Clock, Db, JobQueue, QueueName, RequestContext, Role, UserService } from '#core';
import { NotificationService } from '#notifications';
import { Product } from '#catalog';
import { FollowUp, FollowUpStatus, UNANSWERED_STATUSES } from './follow-up.entity.js';
import { dueOnFor, ESCALATE_AFTER_DAYS, escalateAt, FollowUpStep, openAt, REMIND_AFTER_DAYS, remindAt, WAVES } from './follow-up-schedule.js';
import { Implementation, ImplementationStatus } from '../implementation/implementation.entity.js';
import { IndicatorService } from '../indicators/indicator.service.js';
import { type FollowUpStepPayload, STEP_JOBS } from '../jobs/follow-up.jobs.js';

const RECONCILE_BATCH = 1000;
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
  async syncSchedule(ctx: RequestContext, tx: EntityManager, implementation: Implementation, after: AfterCommit): Promise<void> {
    const existing = await tx.find(FollowUp, { where: { implementationId: implementation.id }, lock: { mode: 'pessimistic_write' } });
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
        await this.audit.record(ctx, tx, { action: 'followUp.cancelled', entityType: 'FollowUp', entityId: followUp.id, before, after: followUp });
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
        await this.audit.record(ctx, tx, { action: 'followUp.scheduled', entityType: 'FollowUp', entityId: followUp.id, after: followUp });
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
        await this.audit.record(ctx, tx, { action: 'followUp.moved', entityType: 'FollowUp', entityId: current.id, before, after: current });
        after.enqueue.push({ step: FollowUpStep.Open, payload: payloadOf(current), at: openAt(dueOn) });
      }
    }
  }

  /** Runs one step of one follow-up if, and only if, its moment has come and it has not been done. */
  async runStep(step: FollowUpStep, payload: FollowUpStepPayload): Promise<StepOutcome> {
    const after = emptyAfterCommit();
    const outcome = await this.db.transaction(async (tx) => {
      const followUp = await tx.findOne(FollowUp, { where: { id: payload.followUpId }, lock: { mode: 'pessimistic_write' } });
      if (!followUp) return 'missing';
      if (followUp.scheduleVersion !== payload.scheduleVersion || followUp.dueOn !== payload.dueOn) return 'stale';
      switch (step) {
        case FollowUpStep.Open:
          return this.open(tx, followUp, after);
        case FollowUpStep.Remind:
          return this.remind(tx, followUp, after);
        case FollowUpStep.Escalate:
          return this.escalate(tx, followUp, after);
      }
    });
    await this.afterCommit(after);
    return outcome;
  }

  private async open(tx: EntityManager, followUp: FollowUp, after: AfterCommit): Promise<StepOutcome> {
    if (followUp.status !== FollowUpStatus.SCHEDULED) return 'nothing-to-do';
    const now = this.clock.now();
    if (now < openAt(followUp.dueOn)) return 'not-due';
    const implementation = await tx.findOneByOrFail(Implementation, { id: followUp.implementationId });
    const product = await tx.findOneByOrFail(Product, { id: implementation.productId });
    const set = await this.indicators.currentFor(tx, product.categoryId);
    const before = { ...followUp };
    Object.assign(followUp, { status: FollowUpStatus.OPEN, openedAt: now, indicatorSetId: set?.id ?? null, updatedAt: now });
    await tx.save(FollowUp, followUp);
    await this.audit.record(systemContext(followUp), tx, { action: 'followUp.opened', entityType: 'FollowUp', entityId: followUp.id, before, after: followUp });
    after.notificationIds.push(
      ...(await this.notifications.notify(tx, {
        recipientUserIds: [implementation.responsibleUserId],
        kind: 'followUp.opened',
        title: `Uppföljning efter ${followUp.wave} månader: ${product.name}`,
        body: `Det är dags att följa upp införandet av ${product.name} (${followUp.wave} månader efter start). Svara på indikatorerna i Noden. / The ${followUp.wave}-month follow-up is open: please answer it in Noden.`,
        entityType: 'FollowUp',
        entityId: followUp.id,
        params: { wave: followUp.wave, dueOn: followUp.dueOn, productId: product.id },
        dedupeKey: dedupeKey('opened', followUp),
      })),
    );
    after.enqueue.push({ step: FollowUpStep.Remind, payload: payloadOf(followUp), at: remindAt(now) });
    after.enqueue.push({ step: FollowUpStep.Escalate, payload: payloadOf(followUp), at: escalateAt(now) });
    return 'done';
  }

  private async remind(tx: EntityManager, followUp: FollowUp, after: AfterCommit): Promise<StepOutcome> {
    if (!isOpen(followUp) || followUp.remindedAt || !followUp.openedAt) return 'nothing-to-do';
    const now = this.clock.now();
    if (now < remindAt(followUp.openedAt)) return 'not-due';
    const implementation = await tx.findOneByOrFail(Implementation, { id: followUp.implementationId });
    const product = await tx.findOneByOrFail(Product, { id: implementation.productId });
    const before = { ...followUp };
    Object.assign(followUp, { remindedAt: now, updatedAt: now });
    await tx.save(FollowUp, followUp);
    await this.audit.record(systemContext(followUp), tx, { action: 'followUp.reminded', entityType: 'FollowUp', entityId: followUp.id, before, after: followUp });
    after.notificationIds.push(
      ...(await this.notifications.notify(tx, {
        recipientUserIds: [implementation.responsibleUserId],
        kind: 'followUp.reminder',
        title: `Påminnelse: uppföljning efter ${followUp.wave} månader: ${product.name}`,
        body: `Uppföljningen av ${product.name} väntar fortfarande på svar. / Reminder: the ${followUp.wave}-month follow-up still awaits an answer.`,
        entityType: 'FollowUp',
        entityId: followUp.id,
        params: { wave: followUp.wave, dueOn: followUp.dueOn },
        dedupeKey: dedupeKey('reminded', followUp),
      })),
    );
    return 'done';
  }

  private async escalate(tx: EntityManager, followUp: FollowUp, after: AfterCommit): Promise<StepOutcome> {
    if (followUp.status !== FollowUpStatus.OPEN || followUp.escalatedAt || !followUp.openedAt) return 'nothing-to-do';
    const now = this.clock.now();
    if (now < escalateAt(followUp.openedAt)) return 'not-due';
    const implementation = await tx.findOneByOrFail(Implementation, { id: followUp.implementationId });
    const product = await tx.findOneByOrFail(Product, { id: implementation.productId });
    const before = { ...followUp };
    Object.assign(followUp, { status: FollowUpStatus.OVERDUE, escalatedAt: now, updatedAt: now });
    await tx.save(FollowUp, followUp);
    await this.audit.record(systemContext(followUp), tx, { action: 'followUp.escalated', entityType: 'FollowUp', entityId: followUp.id, before, after: followUp });
    const staff = await this.users.withRoles('ANY', [Role.NODE_STAFF]);
    after.notificationIds.push(
      ...(await this.notifications.notify(tx, {
        recipientUserIds: staff.map((u) => u.id),
        kind: 'followUp.overdue',
        title: `Försenad uppföljning efter ${followUp.wave} månader: ${product.name}`,
        body: `En uppföljning har varit obesvarad i 30 dagar. / A follow-up has been unanswered for 30 days.`,
        entityType: 'FollowUp',
        entityId: followUp.id,
        params: { wave: followUp.wave, dueOn: followUp.dueOn, organizationId: followUp.organizationId },
        dedupeKey: dedupeKey('overdue', followUp),
      })),
    );
    return 'done';
  }

  /**
   * Finds every step that is due by the clock but not done, and makes sure a job will run it. Nothing depends on
   * the jobs enqueued earlier: if Redis lost them, they are recreated here; if one is waiting on a real-time delay
   * it is promoted; if one completed or failed for good without doing the step, it is replaced (BullMQ keeps
   * finished ids for a while and would otherwise ignore a new job with the same id).
   */
  async reconcile(): Promise<number> {
    const now = this.clock.now();
    const rows: { id: string; due_on: string; schedule_version: number; step: FollowUpStep }[] = await this.db.manager.query(
      `(SELECT id, to_char(due_on, 'YYYY-MM-DD') AS due_on, schedule_version, 'open' AS step FROM follow_ups
          WHERE status = 'SCHEDULED' AND due_on <= $5::date ORDER BY due_on LIMIT $2)
       UNION ALL
       (SELECT id, to_char(due_on, 'YYYY-MM-DD'), schedule_version, 'remind' FROM follow_ups
          WHERE status IN ('OPEN', 'OVERDUE') AND reminded_at IS NULL AND opened_at <= $1::timestamptz - make_interval(days => $3) ORDER BY due_on LIMIT $2)
       UNION ALL
       (SELECT id, to_char(due_on, 'YYYY-MM-DD'), schedule_version, 'escalate' FROM follow_ups
          WHERE status = 'OPEN' AND escalated_at IS NULL AND opened_at <= $1::timestamptz - make_interval(days => $4) ORDER BY due_on LIMIT $2)`,
      [now, RECONCILE_BATCH, REMIND_AFTER_DAYS, ESCALATE_AFTER_DAYS, calendarDate(now)],
    );
    for (const row of rows) {
      await this.ensureJob(row.step, { followUpId: row.id, dueOn: row.due_on, scheduleVersion: Number(row.schedule_version) });
    }
    if (rows.length) this.logger.log({ message: 'reconciled follow-up steps', steps: rows.length });
    return rows.length;
  }

  /** Post-commit: deliver the notifications, enqueue the next steps, drop jobs that became pointless. Never throws. */
  async afterCommit(after: AfterCommit): Promise<void> {
    await this.notifications.dispatch(after.notificationIds);
    const now = this.clock.now().getTime();
    await this.jobs.enqueueAll(after.enqueue.map((e) => ({ definition: STEP_JOBS[e.step], payload: e.payload, delayMs: e.at.getTime() - now })));
    await Promise.all(after.removeJobIds.map((id) => this.redis(() => this.jobs.queue(QueueName.FollowUp).remove(id))));
  }

  private async ensureJob(step: FollowUpStep, payload: FollowUpStepPayload): Promise<void> {
    const definition = STEP_JOBS[step];
    const id = definition.jobId!(payload);
    const queue = this.jobs.queue(QueueName.FollowUp);
    const state = await this.redis(async () => {
      const job = await queue.getJob(id);
      if (!job) return 'missing';
      const state = await job.getState();
      if (state === 'delayed') await job.promote();
      else if (state === 'completed' || state === 'failed') await job.remove();
      return state;
    });
    if (state === undefined) return;
    if (state === 'missing' || state === 'completed' || state === 'failed') await this.jobs.enqueue(definition, payload);
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
      this.logger.warn({ message: 'queue operation failed; the reconciler will retry', error: (error as Error).message });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
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
