import { Controller, Get, Inject, type OnModuleDestroy, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { Public } from '../auth/decorators.js';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../clock/clock.js';
import { Db } from '../database/db.service.js';
import { HEARTBEAT_EVERY_MS } from './heartbeat.job.js';
import { WorkerHeartbeat } from './worker-heartbeat.entity.js';

const CHECK_TIMEOUT_MS = 1500;

@Controller()
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.redis = new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000 });
    this.redis.on('error', () => undefined);
  }

  /** Liveness: the process answers. */
  @Public()
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  /** Readiness: Postgres and Redis reachable; the worker's last heartbeat is reported alongside. */
  @Public()
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const [postgres, redis, heartbeat] = await Promise.all([
      check(() => this.db.manager.query('SELECT 1')),
      check(async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect().catch(() => undefined);
        await this.redis.ping();
      }),
      this.db.manager.findOneBy(WorkerHeartbeat, { worker: 'worker' }).catch(() => null),
    ]);
    const lastBeatAt = heartbeat?.lastBeatAt ?? null;
    const workerAlive = !!lastBeatAt && this.clock.now().getTime() - lastBeatAt.getTime() < HEARTBEAT_EVERY_MS * 4;
    const ok = postgres.ok && redis.ok;
    await reply.status(ok ? 200 : 503).send({
      status: ok ? 'ready' : 'not ready',
      checks: { postgres, redis },
      worker: { lastHeartbeatAt: lastBeatAt, alive: workerAlive },
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

async function check(probe: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message === 'timeout' ? 'timeout' : 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}
