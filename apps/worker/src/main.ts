import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '#core';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const logger = new ConsoleLogger({ json: true, logLevels: config.logLevel === 'debug' ? ['fatal', 'error', 'warn', 'log', 'debug'] : ['fatal', 'error', 'warn', 'log'] });
// On SIGTERM the shutdown hooks close the BullMQ workers, which let in-flight jobs finish first.
const app = await NestFactory.createApplicationContext(WorkerModule, { logger, bufferLogs: true });
app.enableShutdownHooks();
await app.init();
logger.log({ message: 'worker started', queuePrefix: config.queuePrefix }, 'Worker');
