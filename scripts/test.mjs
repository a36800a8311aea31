// `npm test`: Jest on the Postgres and Redis found at TEST_DATABASE_URL and REDIS_URL (default: localhost).
// Where Postgres does not answer, the suite runs on an embedded Postgres of its own (deleted afterwards); where
// Redis does not answer, on BullMQ's Postgres backend. Arguments go to Jest (`npm test -- test/e2e/needs`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeServices } from './check-services.mjs';
import { startEmbeddedPostgresHost } from './embedded-postgres.mjs';

const say = (message) => process.stderr.write(`${message}\n`);
const env = { ...process.env };
const services = await probeServices(env);
let embedded;
let scratch;
if (!services.postgres.up) {
  say(`Postgres does not answer at ${new URL(services.postgres.url).host}: the tests run on an embedded Postgres.`);
  // Under /tmp: when run as root the server runs as the `postgres` user, who must reach its data directory.
  scratch = mkdtempSync(join(tmpdir(), 'noden-test-'));
  embedded = await startEmbeddedPostgresHost({ dir: join(scratch, 'postgres'), persistent: false, log: say });
  env.TEST_DATABASE_URL = embedded.adminUrl;
}
if (services.redis.up) {
  env.REDIS_URL = services.redis.url;
} else {
  say(`Redis does not answer at ${new URL(services.redis.url).host}: the queues run on BullMQ's Postgres backend.`);
  delete env.REDIS_URL;
  env.QUEUE_BACKEND = 'postgres';
}
env.NODE_OPTIONS = [
  env.NODE_OPTIONS,
  '--experimental-vm-modules --disable-warning=ExperimentalWarning --conditions=development --import @swc-node/register/esm-register',
]
  .filter(Boolean)
  .join(' ');

const jest = spawn(process.execPath, ['node_modules/jest/bin/jest.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => jest.kill(signal));
jest.on('exit', async (code, signal) => {
  await embedded?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
