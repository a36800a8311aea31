import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule, QueueModule } from '#core';
import { DOMAIN_MODULES } from '../../domain-modules.js';
import { JobDispatcher } from './job-dispatcher.service.js';
import { PROCESSORS } from './processors.js';
import { ScheduleRegistrar } from './schedule-registrar.service.js';
import { QueueErrorListener } from './queue-error-listener.service.js';
import { WorkerTimer } from './worker-timer.service.js';
import { WorkerMetricsServer } from './metrics-server.service.js';

/** BullMQ processors and job schedulers over the same domain modules as the api. */
@Module({
  imports: [DiscoveryModule, CoreModule, QueueModule.forRoot('worker'), ...DOMAIN_MODULES],
  providers: [JobDispatcher, ScheduleRegistrar, WorkerTimer, QueueErrorListener, WorkerMetricsServer, ...PROCESSORS],
})
export class WorkerModule {}
