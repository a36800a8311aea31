import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { LogController } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import {
  AppConfig,
  AuditService,
  Authenticator,
  Db,
  JobQueue,
  Clock,
  installApiMetrics,
  installRequestContext,
  MetricsService,
  startMetricsServer,
} from '#core';
import { ApiModule } from './api.module.js';
import { serveWebApp } from './web-app.js';
import { mountQueueBoard } from './queue-board.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** With `pino`, Fastify's own lines (client errors, its warnings) go through the process's one logger. */
export function createFastifyAdapter(config: AppConfig, pino?: Pino): FastifyAdapter {
  return new FastifyAdapter({
    // Its own per-request lines are off: installRequestContext writes one line per request (with statements).
    ...(pino ? { loggerInstance: pino, logController: new LogController({ disableRequestLogging: true }) } : {}),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: process.env.TRUST_PROXY === 'true',
    genReqId: (request: IncomingMessage) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    },
  });
}

/** Hooks shared by `main.ts` and the end-to-end tests, so tests boot the api as users run it. */
export async function configureApi(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const fastify = app.getHttpAdapter().getInstance();
  const config = app.get(AppConfig);
  installRequestContext(fastify, app.get(Authenticator), app.get(Clock), config);
  installApiMetrics(fastify, app.get(MetricsService), config);
  const metricsServer = await startMetricsServer(app.get(MetricsService), config);
  if (metricsServer) fastify.addHook('onClose', async () => void metricsServer.close());
  await app.register(fastifyCookie as never);
  await mountQueueBoard(fastify, {
    jobs: app.get(JobQueue),
    authenticator: app.get(Authenticator),
    audit: app.get(AuditService),
    db: app.get(Db),
    clock: app.get(Clock),
  });
  await serveWebApp(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export async function createApi(
  config: AppConfig,
  logger?: INestApplication['useLogger'] extends (l: infer L) => void ? L : never,
  pino?: Pino,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, createFastifyAdapter(config, pino), {
    logger,
    bufferLogs: true,
  });
  return configureApi(app);
}
