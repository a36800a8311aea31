import { Logger, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '#core';
import { JobDispatcher } from './job-dispatcher.service.js';

const CONCURRENCY: Record<QueueName, number> = {
  [QueueName.System]: 1,
  [QueueName.Notifications]: 2,
  [QueueName.Procurement]: 2,
  [QueueName.FollowUp]: 4,
  [QueueName.Federation]: 1,
};

function processorFor(queue: QueueName): Type {
  @Processor(queue, { concurrency: CONCURRENCY[queue] })
  class QueueProcessor extends WorkerHost {
    private readonly logger = new Logger(`Queue:${queue}`);

    constructor(private readonly dispatcher: JobDispatcher) {
      super();
    }

    process(job: Job): Promise<unknown> {
      return this.dispatcher.dispatch(job);
    }

    @OnWorkerEvent('failed')
    onFailed(job: Job | undefined, error: Error): void {
      this.logger.warn({
        message: 'job failed',
        job: job?.name,
        jobId: job?.id,
        attempt: job?.attemptsMade,
        error: error.message,
      });
    }

    @OnWorkerEvent('error')
    onError(error: Error): void {
      this.logger.warn({ message: 'worker connection error', error: error.message });
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue[0].toUpperCase()}${queue.slice(1)}QueueProcessor` });
  return QueueProcessor;
}

/** One processor per queue, each dispatching to the registry. */
export const PROCESSORS: Type[] = Object.values(QueueName).map(processorFor);
