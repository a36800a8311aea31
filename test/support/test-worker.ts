import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { Clock, type ManualClock } from '#core';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';

/**
 * Boots the real worker (BullMQ processors on the run's Redis prefix, job schedulers, dispatcher) with
 * the test's clock. Share the clock with `createTestApi(clock)` so both see the same time.
 */
export async function createTestWorker(clock: ManualClock): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  moduleRef.useLogger(['error']);
  moduleRef.enableShutdownHooks();
  await moduleRef.init();
  return moduleRef;
}

/** Polls until `check` returns a truthy value (jobs run asynchronously); fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
