import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf } from '../database/db.service.js';
import { JobQueue } from '../queue/job-queue.service.js';
import { QueueName } from '../queue/job-registry.js';
import { collectSafely, MetricsService } from './metrics.service.js';

/** The database pool of this process: connections in use, idle, and callers waiting for one. */
@Injectable()
export class DatabasePoolMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const dataSource = this.dataSource;
    this.metrics.gauge({
      name: 'noden_db_pool_connections',
      help: 'Connections of the database pool by state (in_use, idle, waiting = callers waiting for a connection)',
      labelNames: ['state'],
      collect() {
        const pool = poolOf(dataSource);
        if (!pool) return;
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
}

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'] as const;

/** Jobs per queue and state, read from the queue store (Redis or Postgres) at each scrape. */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    const jobs = this.jobs;
    this.metrics.gauge({
      name: 'noden_queue_jobs',
      help: 'Jobs in each queue by state (waiting, active, delayed, failed, ...)',
      labelNames: ['queue', 'state'],
      async collect() {
        await collectSafely(this, async () => {
          const counts = await Promise.all(
            Object.values(QueueName).map(async (queue) => ({
              queue,
              counts: await jobs.queue(queue).getJobCounts(...JOB_STATES),
            })),
          );
          for (const { queue, counts: byState } of counts)
            for (const state of JOB_STATES) this.set({ queue, state }, byState[state] ?? 0);
        });
      },
    });
  }
}
