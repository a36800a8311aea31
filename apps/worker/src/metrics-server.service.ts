import type { Server } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig, MetricsService, startMetricsServer } from '#core';

/** The worker's `/metrics` on METRICS_PORT (a worker has no other HTTP port); without METRICS_PORT none. */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.server = await startMetricsServer(this.metrics, this.config);
    if (this.server) this.logger.log({ message: 'metrics served', port: this.config.metricsPort, path: '/metrics' });
  }

  async onModuleDestroy(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
