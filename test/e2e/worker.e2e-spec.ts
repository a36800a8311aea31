import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { Queue, Worker } from 'bullmq';
import { AppConfig, asConnectionOptions, Db, JobQueue, ManualClock, queueConnection, QueueName, Role } from '#core';
import { type NotificationDraft, NotificationService } from '#notifications';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createTestWorker, eventually } from '../support/test-worker.js';
import { createUser } from '../support/builders.js';
import { queueBackends, useQueueBackend } from '../support/queue-backends.js';

describe.each(queueBackends())('worker on %s: registry, heartbeat, notification delivery', (backend) => {
  useQueueBackend(backend);
  const clock = new ManualClock('2026-11-22T08:00:00.000Z');
  let api: TestApi;
  let worker: TestingModule;

  beforeAll(async () => {
    api = await createTestApi(clock);
    worker = await createTestWorker(clock);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('beats at start-up, one row for this process, listed by /ready with host, pid and queues', async () => {
    const ready = await eventually(async () => {
      const response = await api.get('/ready');
      return response.status === 200 ? response : undefined;
    });
    expect(ready.body.workers).toEqual([
      {
        id: expect.stringContaining(`:${process.pid}:`),
        host: expect.any(String),
        pid: process.pid,
        startedAt: clock.now().toISOString(),
        lastBeatAt: clock.now().toISOString(),
        queues: Object.values(QueueName),
      },
    ]);
    expect(ready.body.queueBackend).toBe(backend);
    expect(ready.body.checks[backend === 'redis' ? 'redis' : 'postgresQueues']).toEqual({ ok: true });
  });

  it('registers the job schedulers under the run prefix', async () => {
    const jobs = worker.get(JobQueue);
    expect((await jobs.queue(QueueName.FollowUp).getJobSchedulers()).map((s) => s.key)).toEqual(['followup-reconcile']);
    expect((await jobs.queue(QueueName.Notifications).getJobSchedulers()).map((s) => s.key)).toEqual([
      'notifications-sweep',
    ]);
  });

  it('delivers outbox rows once, in-app only without SMTP, even when asked twice', async () => {
    const user = await createUser(api, '0484', [Role.VIEWER], 'reader');
    const db = api.app.get(Db);
    const notifications = api.app.get(NotificationService);
    const draft: NotificationDraft = {
      recipientUserIds: [user.id, user.id],
      kind: 'need.endorsed',
      text: { needTitle: 'Hej' },
      dedupeKey: `hello.${user.id}`,
    };
    const ids = await db.transaction((tx) => notifications.notify(tx, draft));
    expect(ids).toHaveLength(1);
    expect(await db.transaction((tx) => notifications.notify(tx, draft))).toEqual([]);
    await notifications.dispatch(ids);
    await notifications.dispatch(ids);
    const row = await eventually(async () => {
      const [n] = await db.manager.query(`SELECT email_status, email_attempts FROM notifications WHERE id = $1`, [
        ids[0],
      ]);
      return n.email_status === 'SKIPPED' ? n : undefined;
    });
    expect(row.email_attempts).toBe(1);
    const mine = await api.gql(`{ myNotifications { nodes { kind title readAt } } }`, {}, { token: user.token });
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.myNotifications.nodes).toEqual([
      { kind: 'need.endorsed', title: 'Fler har samma behov som du', readAt: null },
    ]);
  });

  it('keeps one job per id, and runs a schedule once per tick with two workers competing', async () => {
    const config = AppConfig.fromEnv();
    const connection = asConnectionOptions(queueConnection(config, 'worker'));
    const queue = new Queue('ticks', { prefix: config.queuePrefix, connection });
    const ran: string[] = [];
    const every = 400;
    const workers = [1, 2].map(
      () =>
        new Worker(
          'ticks',
          async (job) => {
            ran.push(job.id!);
          },
          { prefix: config.queuePrefix, connection, concurrency: 2 },
        ),
    );
    try {
      await queue.add('once', {}, { jobId: 'same-id' });
      await queue.add('once', {}, { jobId: 'same-id' });
      await queue.upsertJobScheduler('tick', { every }, { name: 'tick' });
      await queue.upsertJobScheduler('tick', { every }, { name: 'tick' });
      await eventually(async () => ran.filter((id) => id !== 'same-id').length >= 5, 20_000);
      await queue.removeJobScheduler('tick');
      expect(ran.filter((id) => id === 'same-id')).toHaveLength(1);
      // A scheduled job's id names its tick: a tick run twice would show up twice here.
      const ticks = ran.filter((id) => id !== 'same-id');
      expect(new Set(ticks).size).toBe(ticks.length);
      expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual([]);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
    }
  });
});
