import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { FollowUpWorkflowService } from '#followup';
import { addMonths, ManualClock, type QueueBackend, toIsoDate } from '#core';
import { createTestApi, type TestApi } from '../test/support/test-api.js';
import { createTestWorker, eventually } from '../test/support/test-worker.js';
import {
  followUpActors,
  type FollowUpActors,
  followUpsOf,
  recordImplementation,
} from '../test/support/followup-builders.js';
import { queueBackends } from '../test/support/queue-backends.js';

/**
 * Opening follow-ups, per queue backend: N implementations went live 25 months ago (2 N due follow-ups); one
 * worker reconciles and opens them all (each: a transaction with audit and notification, then delivery jobs).
 * `npm run bench:queues` (BENCH_IMPLEMENTATIONS, default 200). Prints follow-ups opened per second.
 */
const implementations = Number(process.env.BENCH_IMPLEMENTATIONS ?? 200);

describe('follow-up opening throughput', () => {
  const clock = new ManualClock('2031-03-03T08:00:00.000Z');
  const originalBackend = process.env.QUEUE_BACKEND;
  let api: TestApi;
  let actors: FollowUpActors;
  const figures: Record<string, unknown>[] = [];

  beforeAll(async () => {
    api = await createTestApi(clock);
    actors = await followUpActors(api);
  });
  afterAll(async () => {
    await api.close();
    process.env.QUEUE_BACKEND = originalBackend;
    process.stdout.write(`\n${JSON.stringify(figures, null, 2)}\n`);
  });

  it.each(queueBackends())(
    'opens %s',
    async (backend: QueueBackend) => {
      process.env.QUEUE_BACKEND = backend;
      const goLive = toIsoDate(addMonths(clock.now(), -25));
      const ids: string[] = [];
      for (let i = 0; i < implementations; i++) ids.push((await recordImplementation(api, actors, goLive)).id);
      const worker: TestingModule = await createTestWorker(clock);
      try {
        const started = process.hrtime.bigint();
        await worker.get(FollowUpWorkflowService).reconcile();
        await eventually(async () => (await followUpsOf(api, ids)).every((f) => f.status === 'OPEN'), 600_000, 50);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        figures.push({
          backend,
          followUps: ids.length * 2,
          seconds: Number(seconds.toFixed(2)),
          perSecond: Math.round((ids.length * 2) / seconds),
        });
        expect((await followUpsOf(api, ids)).length).toBe(ids.length * 2);
      } finally {
        await worker.close();
      }
    },
    900_000,
  );
});
