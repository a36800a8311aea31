import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { Queue, Worker } from 'bullmq';
import {
  addDays,
  addMonths,
  AppConfig,
  asConnectionOptions,
  JobQueue,
  ManualClock,
  queueConnection,
  QueueName,
  toIsoDate,
} from '#core';
import { NotificationDeliveryService } from '#notifications';
import {
  EscalateFollowUpJob,
  FollowUpWorkflowService,
  OpenFollowUpJob,
  RemindFollowUpJob,
  stepJobId,
  FollowUpStep,
  type FollowUpStepPayload,
} from '#followup';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createTestWorker, eventually } from '../support/test-worker.js';
import {
  countsPerFollowUp,
  DEFAULT_ANSWER,
  deleteQueueKeys,
  followUpActors,
  type FollowUpActors,
  followUpsOf,
  recordImplementation,
  refreshTokens,
  startSmtpServer,
} from '../support/followup-builders.js';
import { queueBackends, useQueueBackend } from '../support/queue-backends.js';

/**
 * The follow-up workers against real Postgres, Redis and SMTP. The file uses its own queue prefix, so deleting
 * "everything in Redis" touches no other test file, and a clock years away from the other files' clocks.
 */
describe.each(queueBackends())(
  'follow-up workers on %s: open, remind, escalate exactly once, whatever the queue store does',
  (backend) => {
    useQueueBackend(backend);
    const originalPrefix = process.env.QUEUE_PREFIX!;
    const prefix = `${originalPrefix}.followup`;
    const clock = new ManualClock('2031-03-03T08:00:00.000Z');
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let api: TestApi;
    let workers: TestingModule[] = [];
    let actors: FollowUpActors;

    const monthsAgo = (months: number) => toIsoDate(addMonths(clock.now(), -months));
    const reconcile = (worker = workers[0]) => worker.get(FollowUpWorkflowService).reconcile();
    const statuses = async (ids: string | string[]) => (await followUpsOf(api, ids)).map((f) => f.status);
    async function stopWorkers(): Promise<void> {
      await Promise.all(workers.map((w) => w.close()));
      workers = [];
    }
    async function finished(
      payload: FollowUpStepPayload,
      step: FollowUpStep,
      job = {
        [FollowUpStep.Open]: OpenFollowUpJob,
        [FollowUpStep.Remind]: RemindFollowUpJob,
        [FollowUpStep.Escalate]: EscalateFollowUpJob,
      }[step],
    ) {
      const queue = workers[0].get(JobQueue).queue(QueueName.FollowUp);
      await workers[0].get(JobQueue).enqueue(job, payload);
      // A job the api already enqueued may wait on its (real-time) delay: run it now.
      const waiting = await queue.getJob(stepJobId(step, payload));
      if (await waiting?.isDelayed()) await waiting!.promote();
      return eventually(async () => {
        const found = await queue.getJob(stepJobId(step, payload));
        return found?.finishedOn ? found : undefined;
      });
    }

    beforeAll(async () => {
      smtp = await startSmtpServer();
      process.env.QUEUE_PREFIX = prefix;
      process.env.SMTP_URL = smtp.url;
      api = await createTestApi(clock);
      workers.push(await createTestWorker(clock));
      actors = await followUpActors(api);
    });

    afterAll(async () => {
      await stopWorkers();
      await api?.close();
      await smtp?.close();
      await deleteQueueKeys(prefix);
      process.env.QUEUE_PREFIX = originalPrefix;
      delete process.env.SMTP_URL;
    });

    it('opens both follow-ups of an implementation that went live 25 months ago, notifying and e-mailing once each', async () => {
      const implementation = await recordImplementation(api, actors, monthsAgo(25));
      expect(implementation.followUps.map((f) => [f.wave, f.dueOn])).toEqual([
        [12, monthsAgo(13)],
        [24, monthsAgo(1)],
      ]);
      await reconcile();
      await reconcile();
      await eventually(async () => (await statuses(implementation.id)).every((s) => s === 'OPEN'));
      const ids = implementation.followUps.map((f) => f.id);
      expect(await countsPerFollowUp(api, ids, 'followUp.opened', 'followUp.opened')).toEqual({
        notifications: [1, 1],
        audits: [1, 1],
      });

      const mailsToContact = () => smtp.mails.filter((m) => m.to.includes(actors.contact.email));
      await eventually(async () => mailsToContact().length === 2, 20_000);
      // Asked again (a sweep, a repeated dispatch): nothing more is sent.
      await workers[0].get(NotificationDeliveryService).deliver();
      await reconcile();
      expect(mailsToContact()).toHaveLength(2);
      expect(mailsToContact()[0].raw).toContain('Uppf');
    });

    it('moves the unanswered follow-ups with the go-live date; jobs for the old date do nothing', async () => {
      const implementation = await recordImplementation(api, actors, monthsAgo(9));
      const [old12] = await followUpsOf(api, implementation.id);
      const oldPayload = { followUpId: old12.id, dueOn: old12.due_on, scheduleVersion: old12.schedule_version };
      const queue = workers[0].get(JobQueue).queue(QueueName.FollowUp);
      // The open job waits (in real time) in Redis until the move removes it.
      expect(await queue.getJob(stepJobId(FollowUpStep.Open, oldPayload))).toBeDefined();

      const later = toIsoDate(addMonths(new Date(`${monthsAgo(9)}T00:00:00Z`), 2));
      const moved = await api.gql(
        `mutation($i: UpdateImplementationInput!) { updateImplementation(input: $i) { followUps { wave dueOn status } } }`,
        { i: { id: implementation.id, goLiveOn: later } },
        { token: actors.coordinator.token },
      );
      expect(moved.errors).toBeUndefined();
      expect(moved.data?.updateImplementation.followUps).toEqual([
        { wave: 12, dueOn: toIsoDate(addMonths(new Date(`${later}T00:00:00Z`), 12)), status: 'SCHEDULED' },
        { wave: 24, dueOn: toIsoDate(addMonths(new Date(`${later}T00:00:00Z`), 24)), status: 'SCHEDULED' },
      ]);
      expect(await queue.getJob(stepJobId(FollowUpStep.Open, oldPayload))).toBeUndefined();

      clock.set(`${old12.due_on}T09:00:00.000Z`);
      await refreshTokens(api, actors);
      const oldJob = await finished(oldPayload, FollowUpStep.Open);
      expect(oldJob.returnvalue).toBe('stale');
      await reconcile();
      expect(await statuses(implementation.id)).toEqual(['SCHEDULED', 'SCHEDULED']);
      expect((await countsPerFollowUp(api, [old12.id], 'followUp.opened', 'followUp.opened')).notifications).toEqual([
        0,
      ]);

      const [new12] = await followUpsOf(api, implementation.id);
      clock.set(`${new12.due_on}T09:00:00.000Z`);
      await refreshTokens(api, actors);
      await reconcile();
      await eventually(async () => (await statuses(implementation.id))[0] === 'OPEN');
      expect(await countsPerFollowUp(api, [new12.id], 'followUp.opened', 'followUp.opened')).toEqual({
        notifications: [1],
        audits: [1],
      });
    });

    it('never reminds or escalates an answered follow-up; an unanswered one is reminded at 14 days and escalated at 30, once', async () => {
      const answered = await recordImplementation(api, actors, monthsAgo(12));
      const ignored = await recordImplementation(api, actors, monthsAgo(12));
      await reconcile();
      await eventually(
        async () => (await statuses([answered.id, ignored.id])).filter((s) => s === 'OPEN').length === 2,
      );
      const [answered12] = await followUpsOf(api, answered.id);
      const [ignored12] = await followUpsOf(api, ignored.id);
      const openedPayload = {
        followUpId: answered12.id,
        dueOn: answered12.due_on,
        scheduleVersion: answered12.schedule_version,
      };

      const response = await api.gql(
        `mutation($i: AnswerFollowUpInput!) { answerFollowUp(input: $i) { status answer { version values } } }`,
        { i: { followUpId: answered12.id, values: DEFAULT_ANSWER } },
        { token: actors.contact.token },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.answerFollowUp).toMatchObject({ status: 'ANSWERED', answer: { version: 1 } });

      clock.advanceDays(15);
      await reconcile();
      await eventually(
        async () =>
          (await countsPerFollowUp(api, [ignored12.id], 'followUp.reminder', 'followUp.reminded')).audits[0] === 1,
      );
      clock.advanceDays(16);
      await refreshTokens(api, actors);
      await reconcile();
      await eventually(async () => (await statuses(ignored.id))[0] === 'OVERDUE');
      await reconcile();
      // The jobs of the answered follow-up, even if something enqueues them again, find nothing to do.
      expect((await finished(openedPayload, FollowUpStep.Remind)).returnvalue).toBe('stale');
      expect((await finished(openedPayload, FollowUpStep.Escalate)).returnvalue).toBe('stale');

      expect(await statuses(answered.id)).toEqual(['ANSWERED', 'SCHEDULED']);
      expect(await countsPerFollowUp(api, [answered12.id], 'followUp.reminder', 'followUp.reminded')).toEqual({
        notifications: [0],
        audits: [0],
      });
      expect(await countsPerFollowUp(api, [answered12.id], 'followUp.overdue', 'followUp.escalated')).toEqual({
        notifications: [0],
        audits: [0],
      });
      expect(await countsPerFollowUp(api, [ignored12.id], 'followUp.reminder', 'followUp.reminded')).toEqual({
        notifications: [1],
        audits: [1],
      });
      const escalated = await countsPerFollowUp(api, [ignored12.id], 'followUp.overdue', 'followUp.escalated');
      expect(escalated.audits).toEqual([1]);
      expect(escalated.notifications[0]).toBeGreaterThanOrEqual(1);
      const staffInbox = await api.gql(
        `{ myNotifications { nodes { kind entityId } } }`,
        {},
        { token: actors.staff.token },
      );
      expect(
        staffInbox.data?.myNotifications.nodes.filter(
          (n: { kind: string; entityId: string }) => n.entityId === ignored12.id,
        ),
      ).toEqual([{ kind: 'followUp.overdue', entityId: ignored12.id }]);
    });

    it('recovers a step whose job completed before its moment or failed for good (BullMQ keeps those ids)', async () => {
      // Due in five days; its job runs now, completes with nothing done, and its id stays in the completed set.
      const early = await recordImplementation(api, actors, toIsoDate(addDays(addMonths(clock.now(), -12), 5)));
      const [early12] = await followUpsOf(api, early.id);
      const earlyPayload = {
        followUpId: early12.id,
        dueOn: early12.due_on,
        scheduleVersion: early12.schedule_version,
      };
      expect((await finished(earlyPayload, FollowUpStep.Open)).returnvalue).toBe('not-due');

      // Due already; its job used all its attempts and failed for good.
      await stopWorkers();
      const failing = await recordImplementation(api, actors, monthsAgo(13));
      const [failing12] = await followUpsOf(api, failing.id);
      const failingPayload = {
        followUpId: failing12.id,
        dueOn: failing12.due_on,
        scheduleVersion: failing12.schedule_version,
      };
      await deleteQueueKeys(prefix);
      const connection = asConnectionOptions(queueConnection(AppConfig.fromEnv(), 'worker'));
      const queue = new Queue(QueueName.FollowUp, { prefix, connection });
      await queue.add(OpenFollowUpJob.name, failingPayload, {
        jobId: stepJobId(FollowUpStep.Open, failingPayload),
        attempts: 1,
      });
      const broken = new Worker(
        QueueName.FollowUp,
        async () => {
          throw new Error('simulated failure');
        },
        { prefix, connection },
      );
      await eventually(async () => (await queue.getJob(stepJobId(FollowUpStep.Open, failingPayload)))?.failedReason);
      await broken.close();
      await queue.close();

      workers.push(await createTestWorker(clock));
      await eventually(async () => (await statuses(failing.id))[0] === 'OPEN');
      clock.set(`${early12.due_on}T08:00:00.000Z`);
      await refreshTokens(api, actors);
      await reconcile();
      await eventually(async () => (await statuses(early.id))[0] === 'OPEN');
      expect(await countsPerFollowUp(api, [early12.id, failing12.id], 'followUp.opened', 'followUp.opened')).toEqual({
        notifications: [1, 1],
        audits: [1, 1],
      });
    });

    it('opens every due follow-up exactly once when the worker dies mid-batch and Redis loses everything', async () => {
      await stopWorkers();
      const batch: Awaited<ReturnType<typeof recordImplementation>>[] = [];
      for (let i = 0; i < 12; i++) batch.push(await recordImplementation(api, actors, monthsAgo(25)));
      const ids = batch.flatMap((b) => b.followUps.map((f) => f.id));
      workers.push(await createTestWorker(clock));
      await eventually(async () => (await statuses(batch.map((b) => b.id))).some((s) => s === 'OPEN'), 20_000, 20);
      await stopWorkers();
      expect(await deleteQueueKeys(prefix)).toBeGreaterThan(0);

      workers.push(await createTestWorker(clock));
      await eventually(async () => (await statuses(batch.map((b) => b.id))).every((s) => s === 'OPEN'), 30_000);
      const counts = await countsPerFollowUp(api, ids, 'followUp.opened', 'followUp.opened');
      expect(counts.notifications).toEqual(ids.map(() => 1));
      expect(counts.audits).toEqual(ids.map(() => 1));
    });

    it('opens exactly once with two workers reconciling at the same time', async () => {
      await stopWorkers();
      const batch: Awaited<ReturnType<typeof recordImplementation>>[] = [];
      for (let i = 0; i < 8; i++) batch.push(await recordImplementation(api, actors, monthsAgo(25)));
      const ids = batch.flatMap((b) => b.followUps.map((f) => f.id));
      await deleteQueueKeys(prefix);
      workers.push(...(await Promise.all([createTestWorker(clock), createTestWorker(clock)])));
      await Promise.all([reconcile(workers[0]), reconcile(workers[1]), reconcile(workers[0]), reconcile(workers[1])]);
      await eventually(async () => (await statuses(batch.map((b) => b.id))).every((s) => s === 'OPEN'), 30_000);
      const counts = await countsPerFollowUp(api, ids, 'followUp.opened', 'followUp.opened');
      expect(counts.notifications).toEqual(ids.map(() => 1));
      expect(counts.audits).toEqual(ids.map(() => 1));
    });
  },
);
