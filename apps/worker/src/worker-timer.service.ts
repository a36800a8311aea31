import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig, QueueName, WorkerHeartbeatService } from '#core';
import { ScheduleRegistrar } from './schedule-registrar.service.js';

/**
 * The worker's own timer, independent of Redis: every `WORKER_HEARTBEAT_SECONDS` it writes this process's
 * heartbeat row in Postgres and makes sure the job schedulers still exist in Redis.
 */
@Injectable()
export class WorkerTimer implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerTimer');
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    private readonly config: AppConfig,
    private readonly heartbeats: WorkerHeartbeatService,
    private readonly schedules: ScheduleRegistrar,
  ) {}

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.tick(), this.config.workerHeartbeatMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await Promise.all([this.beat(), this.schedules.ensure()]);
    } finally {
      this.ticking = false;
    }
  }

  private async beat(): Promise<void> {
    try {
      await this.heartbeats.beat(Object.values(QueueName));
    } catch (error) {
      this.logger.warn({ message: 'heartbeat not recorded (Postgres unreachable?)', error: (error as Error).message });
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** A worker leaving cleanly is no longer counted by /ready. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.heartbeats.remove().catch(() => undefined);
  }
}
