import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import { defineJob, defineSchedule, HandlesJob, type JobHandler, QueueName } from '../queue/job-registry.js';
import { Clock } from '../clock/clock.js';
import { Db } from '../database/db.service.js';

export enum SystemJobName {
  Heartbeat = 'system.heartbeat',
}

export const HeartbeatJob = defineJob<Record<string, never>>({ name: SystemJobName.Heartbeat, queue: QueueName.System, attempts: 1 });

export const HEARTBEAT_EVERY_MS = 30_000;

defineSchedule({ id: 'system-heartbeat', job: HeartbeatJob, every: HEARTBEAT_EVERY_MS, runAtStartup: true });

/** Records that a worker is alive and processing; the api's /ready shows it. */
@Injectable()
@HandlesJob(HeartbeatJob)
export class HeartbeatHandler implements JobHandler<Record<string, never>> {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async handle(): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO worker_heartbeats (worker, last_beat_at, details) VALUES ('worker', $1, $2)
       ON CONFLICT (worker) DO UPDATE SET last_beat_at = GREATEST(worker_heartbeats.last_beat_at, EXCLUDED.last_beat_at), details = EXCLUDED.details`,
      [this.clock.now(), { host: hostname(), pid: process.pid }],
    );
  }
}
