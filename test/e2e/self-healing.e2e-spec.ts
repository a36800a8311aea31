import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { addMonths, Db, JobQueue, ManualClock, QueueName, toIsoDate } from '#core';
import { createTestApi, errorCode, type TestApi } from '../support/test-api.js';
import { TEST_PASSWORD } from '../support/builders.js';
import { createTestWorker, eventually } from '../support/test-worker.js';
import {
  countsPerFollowUp,
  deleteQueueKeys,
  followUpActors,
  type FollowUpActors,
  followUpsOf,
  recordImplementation,
  refreshTokens,
} from '../support/followup-builders.js';

const RECONCILE_SECONDS = 3;

/**
 * Redis loses its data while the workers keep running: the schedules come back by themselves and nothing is
 * done twice. Real Redis (this file's prefix only), real workers; intervals shortened by configuration.
 */
describe('self-healing queues: Redis emptied under running workers', () => {
  let prefix: string;
  const clock = new ManualClock('2032-05-03T08:00:00.000Z');
  let api: TestApi;
  const workers: TestingModule[] = [];
  let actors: FollowUpActors;

  const monthsAgo = (months: number) => toIsoDate(addMonths(clock.now(), -months));
  const statuses = async (ids: string[]) => (await followUpsOf(api, ids)).map((f) => f.status);
  const schedulerKeys = async () =>
    (await api.app.get(JobQueue).queue(QueueName.FollowUp).getJobSchedulers()).map((s) => s.key);

  beforeAll(async () => {
    prefix = process.env.QUEUE_PREFIX!;
    process.env.RECONCILE_INTERVAL_SECONDS = String(RECONCILE_SECONDS);
    process.env.WORKER_HEARTBEAT_SECONDS = '1';
    api = await createTestApi(clock);
    workers.push(await createTestWorker(clock));
    actors = await followUpActors(api);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await api?.close();
    delete process.env.RECONCILE_INTERVAL_SECONDS;
    delete process.env.WORKER_HEARTBEAT_SECONDS;
  });

  it('registers the schedules again and opens follow-ups that fall due afterwards, within two reconcile intervals, without a restart', async () => {
    // Due in about a month: their open jobs wait in Redis on a delay, and are lost with it.
    const batch: Awaited<ReturnType<typeof recordImplementation>>[] = [];
    for (let i = 0; i < 5; i++) batch.push(await recordImplementation(api, actors, monthsAgo(11)));
    const twelveMonth = batch.map((b) => b.followUps.find((f) => f.wave === 12)!.id);
    expect(await statuses(batch.map((b) => b.id))).toEqual(batch.flatMap(() => ['SCHEDULED', 'SCHEDULED']));
    expect(await schedulerKeys()).toEqual(['followup-reconcile']);

    expect(await deleteQueueKeys(prefix)).toBeGreaterThan(0);
    const emptiedAt = Date.now();
    expect(await schedulerKeys()).toEqual([]);
    clock.set(`${toIsoDate(addMonths(clock.now(), 1))}T09:00:00.000Z`);

    await eventually(
      async () =>
        (
          await followUpsOf(
            api,
            batch.map((b) => b.id),
          )
        )
          .filter((f) => f.wave === 12)
          .every((f) => f.status === 'OPEN'),
      2 * RECONCILE_SECONDS * 1000,
      50,
    );
    const recoveredMs = Date.now() - emptiedAt;
    expect(recoveredMs).toBeLessThanOrEqual(2 * RECONCILE_SECONDS * 1000);
    expect(await schedulerKeys()).toEqual(['followup-reconcile']);
    expect(await countsPerFollowUp(api, twelveMonth, 'followUp.opened', 'followUp.opened')).toEqual({
      notifications: twelveMonth.map(() => 1),
      audits: twelveMonth.map(() => 1),
    });
    process.stdout.write(
      `self-healing: follow-ups opened ${recoveredMs} ms after Redis was emptied (reconcile interval ${RECONCILE_SECONDS} s, worker timer 1 s)\n`,
    );
  });

  it('two apis and two workers with Redis emptied in the middle: each follow-up opened once, each notification written and delivered once, each reconcile tick run once', async () => {
    await refreshTokens(api, actors);
    const secondApi = await createTestApi(clock);
    workers.push(await createTestWorker(clock));
    try {
      const apis = [api, secondApi];
      const batch: Awaited<ReturnType<typeof recordImplementation>>[] = [];
      // Already due (went live 13 months ago): each api enqueues the open job at once.
      for (let i = 0; i < 12; i++) {
        if (i === 6) expect(await deleteQueueKeys(prefix)).toBeGreaterThan(0);
        batch.push(await recordImplementation(apis[i % 2], actors, monthsAgo(13)));
      }
      const ids = batch.map((b) => b.followUps.find((f) => f.wave === 12)!.id);
      await eventually(
        async () =>
          (
            await followUpsOf(
              api,
              batch.map((b) => b.id),
            )
          )
            .filter((f) => f.wave === 12)
            .every((f) => f.status === 'OPEN'),
        4 * RECONCILE_SECONDS * 1000,
        50,
      );
      expect(await countsPerFollowUp(api, ids, 'followUp.opened', 'followUp.opened')).toEqual({
        notifications: ids.map(() => 1),
        audits: ids.map(() => 1),
      });

      const db = api.app.get(Db);
      const delivered = await eventually(
        async () => {
          const rows: { email_status: string; email_attempts: number }[] = await db.manager.query(
            `SELECT email_status, email_attempts FROM notifications WHERE kind = 'followUp.opened' AND entity_id = ANY($1::uuid[])`,
            [ids],
          );
          return rows.every((r) => r.email_status === 'SKIPPED') ? rows : undefined;
        },
        4 * RECONCILE_SECONDS * 1000,
      );
      expect(delivered.map((r) => r.email_attempts)).toEqual(ids.map(() => 1));

      // Both workers keep the scheduler registered; BullMQ gives each tick to one of them.
      await new Promise((resolve) => setTimeout(resolve, 2 * RECONCILE_SECONDS * 1000));
      const queue = api.app.get(JobQueue).queue(QueueName.FollowUp);
      const jobsRun = (await queue.getJobs(['completed', 'active', 'failed', 'delayed', 'waiting'])).filter(
        (j) => j.repeatJobKey === 'followup-reconcile',
      );
      // A tick is the scheduled moment in the job id (`repeat:<scheduler>:<ms>`); one job per tick whatever the replicas.
      const ticks = jobsRun
        .filter((j) => j.processedOn)
        .map((j) => Number(j.id!.split(':').pop()))
        .sort((a, b) => a - b);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ticks).size).toBe(ticks.length);
      // Login throttling lives in Postgres: failures through either api count together.
      const login = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`;
      for (let i = 0; i < 5; i++)
        expect(errorCode(await apis[i % 2].gql(login, { e: actors.contact.email, p: 'wrong-password' }))).toBe(
          'UNAUTHENTICATED',
        );
      expect(errorCode(await apis[1].gql(login, { e: actors.contact.email, p: TEST_PASSWORD }))).toBe(
        'TOO_MANY_REQUESTS',
      );
      expect(errorCode(await apis[0].gql(login, { e: actors.contact.email, p: TEST_PASSWORD }))).toBe(
        'TOO_MANY_REQUESTS',
      );
      expect(Math.min(...ticks.slice(1).map((t, i) => t - ticks[i]))).toBeGreaterThanOrEqual(RECONCILE_SECONDS * 1000);
    } finally {
      await secondApi.close();
    }
  });
});
