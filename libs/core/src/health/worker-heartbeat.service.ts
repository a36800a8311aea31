import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../clock/clock.js';
import { Db } from '../database/db.service.js';
import { WorkerHeartbeat } from './worker-heartbeat.entity.js';
import { forgetHeartbeatsBefore, lastHeartbeatAt, removeHeartbeat, upsertHeartbeat } from './health.queries.js';

/** Rows of workers silent this long are deleted: a killed process cannot remove its own. */
const FORGET_AFTER_MS = 7 * 86_400_000;

export interface LiveWorker {
  id: string;
  host: string;
  pid: number;
  startedAt: Date;
  lastBeatAt: Date;
  queues: string[];
}

/** Each worker process's heartbeat row: written by the worker, read by the api's /ready. */
@Injectable()
export class WorkerHeartbeatService {
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private startedAt?: Date;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async beat(queues: readonly string[], details: Record<string, unknown> = {}): Promise<void> {
    const now = this.clock.now();
    if (!this.startedAt) {
      this.startedAt = now;
      await forgetHeartbeatsBefore(this.db.manager, new Date(now.getTime() - FORGET_AFTER_MS));
    }
    await upsertHeartbeat(this.db.manager, {
      worker: this.workerId,
      host: hostname(),
      pid: process.pid,
      startedAt: this.startedAt,
      lastBeatAt: now,
      queues: [...queues],
      details,
    });
  }

  /** On a clean shutdown the row goes at once, so /ready does not count a worker that has left. */
  async remove(): Promise<void> {
    await removeHeartbeat(this.db.manager, this.workerId);
  }

  /** Workers that beat within the staleness window, newest first; `last` is the latest beat of any worker. */
  async live(): Promise<{ workers: LiveWorker[]; lastBeatAt: Date | null }> {
    const now = this.clock.now();
    const rows = await this.db.manager
      .createQueryBuilder(WorkerHeartbeat, 'w')
      .where('w.last_beat_at >= :since', { since: new Date(now.getTime() - this.config.workerStaleAfterMs) })
      .orderBy('w.last_beat_at', 'DESC')
      .getMany();
    const last = rows.length ? rows[0].lastBeatAt : await lastHeartbeatAt(this.db.manager);
    return {
      workers: rows.map((w) => ({
        id: w.worker,
        host: w.host,
        pid: w.pid,
        startedAt: w.startedAt,
        lastBeatAt: w.lastBeatAt,
        queues: w.queues,
      })),
      lastBeatAt: last ? new Date(last) : null,
    };
  }
}
