import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_HANDLER, type JobHandler, JobRegistry, LogContext, MetricsService } from '#core';

/** Maps each job name to its one handler; refuses to start when a job has none or several. */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly logger = new Logger('JobDispatcher');
  private readonly handlers = new Map<string, JobHandler<unknown>>();

  private readonly duration;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    metrics: MetricsService,
  ) {
    this.duration = metrics.histogram({
      name: 'noden_job_duration_seconds',
      help: 'Job run time by queue, job name and outcome (completed or failed: a failed attempt may be retried)',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    });
  }

  onModuleInit(): void {
    const found = new Map<string, JobHandler<unknown>[]>();
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const name = this.reflector.get<string | undefined>(JOB_HANDLER, wrapper.metatype as never);
      if (!name) continue;
      found.set(name, [...(found.get(name) ?? []), wrapper.instance as JobHandler<unknown>]);
    }
    const problems: string[] = [];
    for (const definition of JobRegistry.definitions()) {
      const handlers = found.get(definition.name) ?? [];
      if (handlers.length !== 1)
        problems.push(`job "${definition.name}" has ${handlers.length} handlers (exactly one required)`);
      else this.handlers.set(definition.name, handlers[0]);
    }
    for (const name of found.keys()) {
      if (!JobRegistry.definition(name)) problems.push(`handler for unknown job "${name}"`);
    }
    if (problems.length) throw new Error(`Job registry is inconsistent:\n  - ${problems.join('\n  - ')}`);
    this.logger.log({ message: 'job handlers registered', jobs: [...this.handlers.keys()] });
  }

  /** Runs the job's handler; every log line it writes carries the job id, name and queue. */
  async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    const known = JobRegistry.definition(job.name) ? job.name : 'unknown';
    const end = this.duration.startTimer({ queue: job.queueName, job: known });
    return LogContext.run({ jobId: job.id, job: job.name, queue: job.queueName }, async () => {
      this.logger.debug({ message: 'job started', attempt: job.attemptsMade + 1 });
      try {
        const result = await handler.handle(job.data, job);
        const seconds = end({ outcome: 'completed' });
        this.logger.debug({ message: 'job completed', ms: Math.round(seconds * 1000) });
        return result;
      } catch (error) {
        end({ outcome: 'failed' });
        throw error;
      }
    });
  }
}
