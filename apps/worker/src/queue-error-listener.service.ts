import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '#core';

/** The registered queues' connection errors go to the log instead of being printed raw by BullMQ. */
@Injectable()
export class QueueErrorListener implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  private lastLoggedAt = 0;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }).on('error', (error) => {
        if (Date.now() - this.lastLoggedAt < 30_000) return;
        this.lastLoggedAt = Date.now();
        this.logger.warn({
          message: 'queue store unreachable; the worker reconnects by itself',
          queue: name,
          error: error.message,
        });
      });
    }
  }
}
