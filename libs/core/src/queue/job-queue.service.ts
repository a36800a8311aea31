import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { type JobDefinition, jobOptions, QueueName } from './job-registry.js';

const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * Enqueues typed jobs. Postgres is the record and Redis only says when to look: a failed enqueue is
 * logged and the caller goes on, because the reconcilers find the work in Postgres later.
 */
@Injectable()
export class JobQueue implements OnModuleInit {
  private readonly logger = new Logger('JobQueue');
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      // Without a listener an 'error' event (Redis down) would crash the process.
      queue.on('error', (error) => this.logger.warn({ message: 'queue connection error', queue: name, error: error.message }));
      this.queues.set(name, queue);
    }
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Queue ${name} is not registered`);
    return queue;
  }

  /** Returns false (and logs) when Redis cannot take the job now. */
  async enqueue<P>(definition: JobDefinition<P>, payload: P, delayMs = 0): Promise<boolean> {
    try {
      await withTimeout(this.queue(definition.queue).add(definition.name, payload, jobOptions(definition, payload, delayMs)), ENQUEUE_TIMEOUT_MS);
      return true;
    } catch (error) {
      this.logger.warn({ message: 'enqueue failed; the reconciler will pick the work up from Postgres', job: definition.name, error: (error as Error).message });
      return false;
    }
  }

  /** Enqueues after the surrounding transaction has committed; never throws. */
  enqueueAll(jobs: { definition: JobDefinition<any>; payload: unknown; delayMs?: number }[]): Promise<boolean[]> {
    return Promise.all(jobs.map((j) => this.enqueue(j.definition, j.payload, j.delayMs)));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
