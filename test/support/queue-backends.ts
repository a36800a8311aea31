import { afterAll, beforeAll } from '@jest/globals';
import type { QueueBackend } from '#core';

/** The worker suites run on every queue backend this machine offers: Postgres always, Redis when it answers. */
export function queueBackends(): QueueBackend[] {
  return process.env.REDIS_URL ? ['redis', 'postgres'] : ['postgres'];
}

/** Apis and workers built inside the enclosing describe use this backend. */
export function useQueueBackend(backend: QueueBackend): void {
  const original = process.env.QUEUE_BACKEND;
  beforeAll(() => {
    process.env.QUEUE_BACKEND = backend;
  });
  afterAll(() => {
    process.env.QUEUE_BACKEND = original;
  });
}
