import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, loggerFor, PinoNestLogger } from '#core';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
// LOG_LEVEL decides here as in the api (warn drops the start-up lines below too).
const logger = new PinoNestLogger(loggerFor(config, 'worker'));
// Start-up waits for Redis (BullMQ connects before init completes): say so, or a stopped Redis looks like a hang.
logger.log({ message: 'worker starting; waiting for Postgres and Redis', queuePrefix: config.queuePrefix }, 'Worker');
// On SIGTERM the shutdown hooks close the BullMQ workers, which let in-flight jobs finish first.
const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
app.enableShutdownHooks();
await app.init();
logger.log({ message: 'worker started', queuePrefix: config.queuePrefix }, 'Worker');
// Started by scripts/start-all.mjs: when it is gone (even killed with -9), shut down as on SIGTERM.
process.channel?.unref();
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
