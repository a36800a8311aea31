import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { FirstRunService, loadConfigOrExit } from '#core';
import { createApi } from './bootstrap.js';

const config = loadConfigOrExit();
const logger = new ConsoleLogger({ json: true, logLevels: logLevels(config.logLevel) });
const app = await createApi(config, logger);
await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
logger.log({ message: 'api listening', port: config.port, graphql: '/graphql', nodeEnv: config.nodeEnv }, 'Api');
const firstAdmin = await app.get(FirstRunService).firstAdminNotice();
if (firstAdmin) {
  logger.warn({ message: 'no user exists yet: create the first administrator', ...firstAdmin }, 'FirstRun');
  if (!config.isProduction) {
    const link = firstAdmin.setupLink ? `\n  or open this one-time link: ${firstAdmin.setupLink}\n` : '';
    process.stderr.write(`\nNo user exists yet. Create the first administrator (in another terminal, in this folder):\n\n  ${firstAdmin.command}\n${link}\nthen log in at http://localhost:${config.port}/graphql\n\n`);
  }
}

function logLevels(level: string): ('error' | 'warn' | 'log' | 'debug' | 'fatal')[] {
  const all = ['fatal', 'error', 'warn', 'log', 'debug'] as const;
  const upTo = { error: 1, warn: 2, info: 3, debug: 4 }[level] ?? 3;
  return all.slice(0, upTo + 1);
}
// Started by scripts/start-all.mjs: when it is gone (even killed with -9), shut down as on SIGTERM.
process.channel?.unref();
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
