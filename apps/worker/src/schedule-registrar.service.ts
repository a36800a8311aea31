import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, JobRegistry, QueueName } from '#core';

/** Upserts every job scheduler at start (removing ones no longer defined) and kicks off `runAtStartup` jobs. */
@Injectable()
export class ScheduleRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger('Schedules');

  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.register();
    } catch (error) {
      // Redis may be down at start; the worker keeps retrying its connection and we try again shortly.
      this.logger.warn({ message: 'registering schedules failed; retrying in 5 s', error: (error as Error).message });
      setTimeout(() => void this.onApplicationBootstrap(), 5000).unref();
    }
  }

  private async register(): Promise<void> {
    const schedules = JobRegistry.schedules();
    for (const queueName of Object.values(QueueName)) {
      const queue = this.jobs.queue(queueName);
      const wanted = new Set(schedules.filter((s) => s.job.queue === queueName).map((s) => s.id));
      for (const existing of await queue.getJobSchedulers()) {
        if (existing.key && !wanted.has(existing.key)) await queue.removeJobScheduler(existing.key);
      }
    }
    for (const schedule of schedules) {
      const queue = this.jobs.queue(schedule.job.queue);
      await queue.upsertJobScheduler(schedule.id, schedule.every ? { every: schedule.every } : { pattern: schedule.pattern }, {
        name: schedule.job.name,
        data: {},
        opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
      });
      if (schedule.runAtStartup) {
        await queue.add(schedule.job.name, {}, { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } });
      }
    }
    this.logger.log({ message: 'schedules registered', schedules: schedules.map((s) => s.id) });
  }
}
