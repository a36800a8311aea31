import { type DynamicModule, Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '../config/app-config.js';
import { JobQueue } from './job-queue.service.js';
import { QueueName } from './job-registry.js';
import { QueueMetrics } from '../metrics/core-metrics.js';
import { asConnectionOptions, queueConnection } from './queue-connection.js';

export type QueueRole = 'producer' | 'worker';

@Global()
@Module({})
export class QueueModule {
  /**
   * Both roles enqueue through `JobQueue`. The worker also registers the queues with @nestjs/bullmq for
   * its processors (they take their options from the registered queues), with a connection that buffers and
   * reconnects so they resume by themselves when the queue store (Redis or Postgres) returns.
   */
  static forRoot(role: QueueRole): DynamicModule {
    const bull =
      role === 'worker'
        ? [
            BullModule.forRootAsync({
              inject: [AppConfig],
              useFactory: (config: AppConfig) => ({
                prefix: config.queuePrefix,
                connection: asConnectionOptions(queueConnection(config, 'worker')),
              }),
            }),
            BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
          ]
        : [];
    return {
      module: QueueModule,
      imports: bull,
      providers: [JobQueue, QueueMetrics],
      exports: [JobQueue, ...bull],
    };
  }
}
