import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, QueueName } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { eventually } from '../support/test-worker.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

/**
 * /ready tells the truth about workers: real worker processes (started, SIGTERMed, killed -9) beat into
 * Postgres on their own timer; the api's clock starts at real time so their beats count as fresh.
 */
describe('readiness: one heartbeat row per worker process; /ready needs a live worker unless api-only', () => {
  const clock = new ManualClock(new Date());
  const staleAfterSeconds = 30;
  const queueCheck = process.env.QUEUE_BACKEND === 'postgres' ? 'postgresQueues' : 'redis';
  let api: TestApi;
  let apiOnly: TestApi;
  const started: WorkerProcess[] = [];
  const readyWhen = (target: TestApi, check: (r: { status: number; body: any }) => boolean) =>
    eventually(
      async () => {
        const response = await target.get('/ready');
        return check(response) ? response : undefined;
      },
      30_000,
      200,
    );

  beforeAll(async () => {
    process.env.WORKER_STALE_AFTER_SECONDS = String(staleAfterSeconds);
    api = await createTestApi(clock);
    process.env.READY_REQUIRES_WORKER = 'false';
    apiOnly = await createTestApi(clock);
    delete process.env.READY_REQUIRES_WORKER;
  });
  afterAll(async () => {
    for (const worker of started) worker.child.kill('SIGKILL');
    await api?.close();
    await apiOnly?.close();
    delete process.env.WORKER_STALE_AFTER_SECONDS;
  });

  it('without any heartbeat answers 503 naming the worker check; an api-only deployment stays ready', async () => {
    const ready = await api.get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'not ready',
      failing: ['worker'],
      // The queue store's check is named after the backend in use (redis, or postgresQueues without Redis).
      checks: { postgres: { ok: true }, [queueCheck]: { ok: true }, worker: { ok: false, error: 'none' } },
      workers: [],
    });

    const apiOnlyReady = await apiOnly.get('/ready');
    expect(apiOnlyReady.status).toBe(200);
    expect(apiOnlyReady.body).toMatchObject({
      status: 'ready',
      failing: [],
      checks: { worker: { ok: true, error: 'none', required: false } },
      workers: [],
    });
  });

  it('with a fresh heartbeat answers 200 and lists the worker process; SIGTERM lets it leave cleanly', async () => {
    const worker = startWorkerProcess({ WORKER_HEARTBEAT_SECONDS: '1' });
    started.push(worker);
    const ready = await readyWhen(api, (r) => r.status === 200);
    expect(ready.body.failing).toEqual([]);
    expect(ready.body.workers).toEqual([
      expect.objectContaining({ pid: worker.pid, queues: Object.values(QueueName), host: expect.any(String) }),
    ]);

    worker.child.kill('SIGTERM');
    // Nest re-raises the signal after its shutdown hooks ran: the process ends by SIGTERM, not by a crash.
    expect(await worker.exited).toBe('SIGTERM');
    // A clean exit deletes its row: not "stale", gone.
    expect((await api.get('/ready')).body).toMatchObject({
      failing: ['worker'],
      checks: { worker: { error: 'none' } },
      workers: [],
    });
  });

  it('with a stale heartbeat (worker killed -9) answers 503 naming the worker check, and the last beat', async () => {
    const worker = startWorkerProcess({ WORKER_HEARTBEAT_SECONDS: '1' });
    started.push(worker);
    const fresh = await readyWhen(
      api,
      (r) => r.status === 200 && r.body.workers.some((w: { pid: number }) => w.pid === worker.pid),
    );
    worker.child.kill('SIGKILL');
    await worker.exited;

    clock.set(new Date(Date.now() + (staleAfterSeconds + 5) * 1000));
    const stale = await api.get('/ready');
    expect(stale.status).toBe(503);
    expect(stale.body).toMatchObject({
      failing: ['worker'],
      checks: { worker: { ok: false, error: 'stale' } },
      workers: [],
    });
    expect(new Date(stale.body.lastHeartbeatAt).getTime()).toBeGreaterThanOrEqual(
      new Date(fresh.body.workers[0].lastBeatAt).getTime(),
    );
    expect((await apiOnly.get('/ready')).status).toBe(200);
  });
});
