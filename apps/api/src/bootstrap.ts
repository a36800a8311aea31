import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import fastifyCookie from '@fastify/cookie';
import { AppConfig, Authenticator, Clock, installRequestContext } from '#core';
import { ApiModule } from './api.module.js';
import { serveWebApp } from './web-app.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
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
  installRequestContext(app.getHttpAdapter().getInstance(), app.get(Authenticator), app.get(Clock), app.get(AppConfig));
  await app.register(fastifyCookie as never);
  await serveWebApp(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export async function createApi(
  config: AppConfig,
  logger?: INestApplication['useLogger'] extends (l: infer L) => void ? L : never,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, createFastifyAdapter(config), {
    logger,
    bufferLogs: true,
  });
  return configureApi(app);
}
