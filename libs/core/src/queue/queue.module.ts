import { type DynamicModule, Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '../config/app-config.js';
import { JobQueue } from './job-queue.service.js';
import { queueConnection } from './queue-connection.js';

export type QueueRole = 'producer' | 'worker';

@Global()
@Module({})
export class QueueModule {
  /**
   * Both roles enqueue through `JobQueue`. The worker's processors take @nestjs/bullmq's shared
   * configuration, with ioredis's offline queue so they resume by themselves when Redis returns.
   */
  static forRoot(role: QueueRole): DynamicModule {
    const bull =
      role === 'worker'
        ? [
            BullModule.forRootAsync({
              inject: [AppConfig],
              useFactory: (config: AppConfig) => ({ prefix: config.queuePrefix, connection: queueConnection(config, 'worker') }),
            }),
          ]
        : [];
    return {
      module: QueueModule,
      imports: bull,
      providers: [JobQueue],
      exports: [JobQueue, ...bull],
    };
  }
}
