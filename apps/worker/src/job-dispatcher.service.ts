import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_HANDLER, type JobHandler, JobRegistry } from '#core';

/** Maps each job name to its one handler; refuses to start when a job has none or several. */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly logger = new Logger('JobDispatcher');
  private readonly handlers = new Map<string, JobHandler<unknown>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

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

  async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    return handler.handle(job.data, job);
  }
}
