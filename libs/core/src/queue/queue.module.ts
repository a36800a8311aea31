import { type DynamicModule, Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '../config/app-config.js';
import { JobQueue } from './job-queue.service.js';
import { QueueName } from './job-registry.js';

export type QueueRole = 'producer' | 'worker';

@Global()
@Module({})
export class QueueModule {
  /**
   * `producer` (the api) fails fast when Redis is down instead of buffering commands; `worker` keeps
   * ioredis's offline queue so it resumes by itself when Redis returns.
   */
  static forRoot(role: QueueRole): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            prefix: config.queuePrefix,
            connection: {
              url: config.redisUrl,
              connectTimeout: 5000,
              enableOfflineQueue: role === 'worker',
              ...(role === 'producer' ? { maxRetriesPerRequest: 1 } : {}),
              retryStrategy: (times: number) => Math.min(times * 500, 5000),
            },
          }),
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
      ],
      providers: [JobQueue],
      exports: [JobQueue, BullModule],
    };
  }
}
