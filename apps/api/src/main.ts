import 'reflect-metadata';
import { FirstRunService, loadConfigOrExit, loggerFor, PinoNestLogger, SETUP_TOKEN_HOURS } from '#core';
import { createApi } from './bootstrap.js';

const config = loadConfigOrExit();
const pino = loggerFor(config, 'api');
const logger = new PinoNestLogger(pino);
const app = await createApi(config, logger, pino);
await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
logger.log({ message: 'api listening', port: config.port, graphql: '/graphql', nodeEnv: config.nodeEnv }, 'Api');
const firstAdmin = await app
  .get(FirstRunService)
  .firstAdminNotice(`http://${publicHost(process.env.HOST)}:${config.port}`);
if (firstAdmin) {
  // The setup link is a credential: it goes to the operator's console only, never into the JSON log that is shipped.
  logger.warn(
    {
      message: 'no user exists yet: create the first administrator (a one-time setup link is on the console)',
      command: firstAdmin.command,
    },
    'FirstRun',
  );
  process.stderr.write(
    `\nNo user exists yet. Create the first administrator: open this one-time link (valid ${SETUP_TOKEN_HOURS} h, until the next start)\n\n  ${firstAdmin.setupLink}\n\n` +
      `or run, in another terminal in this folder:\n\n  ${firstAdmin.command}\n\nthen sign in at http://${publicHost(process.env.HOST)}:${config.port}/\n\n`,
  );
}

function publicHost(listenHost: string | undefined): string {
  return !listenHost || listenHost === '0.0.0.0' || listenHost === '::' ? 'localhost' : listenHost;
}

// Started by scripts/start-all.mjs: when it is gone (even killed with -9), shut down as on SIGTERM.
process.channel?.unref();
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
