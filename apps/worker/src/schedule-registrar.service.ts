import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig, JobQueue, JobRegistry, type JobSchedule, QueueName } from '#core';

const REDIS_TIMEOUT_MS = 3000;
const RECONNECT_POLL_MS = 1000;

/**
 * Keeps the job schedulers registered. BullMQ keeps them in Redis, so a Redis that lost its data (flushed,
 * restarted without persistence) has none and scheduled work would stop. `ensure()` runs at start, after
 * every reconnect and on the worker's own timer; it upserts whatever is missing and then runs the
 * reconcilers (`runAtStartup`) at once, so lost work is found without waiting for their first tick.
 * Upserting is idempotent: several workers doing it at once register each schedule once.
 */
@Injectable()
export class ScheduleRegistrar implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Schedules');
  private running: Promise<void> | null = null;
  private again = false;
  private registeredOnce = false;
  private lastSucceeded = false;
  private reconnectPoll?: NodeJS.Timeout;

  constructor(
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A connection error means Redis went away and may come back empty: check every second until a
    // check succeeds, i.e. just after the reconnect. Through the queue's own events, so any backend works.
    for (const name of Object.values(QueueName)) this.jobs.queue(name).on('error', () => this.checkUntilReconnected());
    await this.ensure();
  }

  onModuleDestroy(): void {
    clearInterval(this.reconnectPoll);
  }

  private checkUntilReconnected(): void {
    if (this.reconnectPoll) return;
    this.reconnectPoll = setInterval(() => {
      void this.ensure().then(() => {
        if (this.lastSucceeded) {
          clearInterval(this.reconnectPoll);
          this.reconnectPoll = undefined;
        }
      });
    }, RECONNECT_POLL_MS);
    this.reconnectPoll.unref();
  }

  /** Serialised: a call while one runs makes it run once more afterwards. Never throws. */
  ensure(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          // Back after an outage: the api deferred work to the reconcilers meanwhile, so run them now.
          const reconnected = this.registeredOnce && !this.lastSucceeded;
          await withTimeout(this.registerMissing(reconnected), REDIS_TIMEOUT_MS);
          this.lastSucceeded = true;
        } catch (error) {
          if (this.lastSucceeded || !this.registeredOnce)
            this.logger.warn({
              message: 'checking job schedulers failed; the worker retries until Redis answers',
              error: (error as Error).message,
            });
          this.lastSucceeded = false;
        }
      } while (this.again);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async registerMissing(reconnected: boolean): Promise<void> {
    const schedules = JobRegistry.schedules();
    if (!this.registeredOnce) await this.removeUnknown(schedules);
    const missing = this.registeredOnce ? await this.missing() : schedules;
    if (missing.length === 0) {
      if (reconnected) await this.runReconcilers(schedules);
      return;
    }
    for (const schedule of missing) {
      const every = typeof schedule.every === 'function' ? schedule.every(this.config) : schedule.every;
      await this.jobs
        .queue(schedule.job.queue)
        .upsertJobScheduler(schedule.id, every ? { every } : { pattern: schedule.pattern }, {
          name: schedule.job.name,
          data: {},
          opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
        });
    }
    await this.runReconcilers(schedules);
    if (this.registeredOnce)
      this.logger.warn({
        message: 'job schedulers were missing in Redis; registered again and reconcilers started',
        schedules: missing.map((s) => s.id),
      });
    else this.logger.log({ message: 'schedules registered', schedules: schedules.map((s) => s.id) });
    this.registeredOnce = true;
  }

  private async runReconcilers(schedules: JobSchedule[]): Promise<void> {
    for (const schedule of schedules.filter((s) => s.runAtStartup)) {
      await this.jobs
        .queue(schedule.job.queue)
        .add(schedule.job.name, {}, { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } });
    }
  }

  private async missing(): Promise<JobSchedule[]> {
    const schedules = JobRegistry.schedules();
    const existing = new Set<string>();
    for (const name of new Set(schedules.map((s) => s.job.queue))) {
      for (const scheduler of await this.jobs.queue(name).getJobSchedulers())
        if (scheduler.key) existing.add(scheduler.key);
    }
    return schedules.filter((s) => !existing.has(s.id));
  }

  private async removeUnknown(schedules: JobSchedule[]): Promise<void> {
    const wanted = new Set(schedules.map((s) => s.id));
    for (const name of Object.values(QueueName)) {
      const queue = this.jobs.queue(name);
      for (const existing of await queue.getJobSchedulers()) {
        if (existing.key && !wanted.has(existing.key)) await queue.removeJobScheduler(existing.key);
      }
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
