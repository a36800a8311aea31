import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { loadConfigOrExit } from '#core';
import { createApi } from './bootstrap.js';

const config = loadConfigOrExit();
const logger = new ConsoleLogger({ json: true, logLevels: logLevels(config.logLevel) });
const app = await createApi(config, logger);
await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
logger.log({ message: 'api listening', port: config.port, graphql: '/graphql', nodeEnv: config.nodeEnv }, 'Api');

function logLevels(level: string): ('error' | 'warn' | 'log' | 'debug' | 'fatal')[] {
  const all = ['fatal', 'error', 'warn', 'log', 'debug'] as const;
  const upTo = { error: 1, warn: 2, info: 3, debug: 4 }[level] ?? 3;
  return all.slice(0, upTo + 1);
}
