// Fills in what a local run lacks: without DATABASE_URL an embedded Postgres (started, or attached to when
// `npm start` already runs one), and outside production a JWT secret kept under .noden/.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { embeddedPostgresDir, startEmbeddedPostgresHost } from './embedded-postgres.mjs';

export async function prepareLocalEnv(env = process.env, log = (message) => process.stderr.write(`${message}\n`)) {
  const local = { ...env };
  const production = env.NODE_ENV === 'production';
  if (!local.JWT_SECRET && !production) {
    const file = resolve(dirname(embeddedPostgresDir(env)), 'jwt-secret');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    }
    local.JWT_SECRET = readFileSync(file, 'utf8').trim();
  }
  if (local.DATABASE_URL) return { env: local, embedded: undefined, stop: async () => undefined };
  if (production)
    throw new Error(
      'DATABASE_URL is required in production (the embedded Postgres is for trying Noden and for development)',
    );
  const embedded = await startEmbeddedPostgresHost({ log });
  local.DATABASE_URL = embedded.urlFor('noden');
  if (embedded.owned)
    log(
      `embedded Postgres in ${embeddedPostgresDir(env)} on port ${new URL(embedded.adminUrl).port} (set DATABASE_URL to use your own)`,
    );
  return { env: local, embedded, stop: () => embedded.stop() };
}
