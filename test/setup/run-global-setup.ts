import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrationDataSourceOptions } from '../../libs/core/src/database/data-source-options.js';
import { execFileSync } from 'node:child_process';
import type { TestEnv } from './test-env.js';
import { ensureWebBuild } from '../support/web-build.js';

/** One fresh database and one queue prefix per run; migrations and seed applied once. */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `noden_test_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const env: TestEnv = {
    NODE_ENV: 'test',
    DATABASE_URL: url.toString(),
    ADMIN_DATABASE_URL: adminUrl,
    DATABASE_NAME: database,
    // scripts/test.mjs leaves REDIS_URL unset when no Redis answers: the suite then runs on the Postgres backend.
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    QUEUE_BACKEND: (process.env.QUEUE_BACKEND ??
      (process.env.REDIS_URL ? 'redis' : 'postgres')) as TestEnv['QUEUE_BACKEND'],
    QUEUE_PREFIX: `noden-test-${runId}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'error',
  };
  const dataSource = await new DataSource(migrationDataSourceOptions(env.DATABASE_URL)).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  // Seeding through the real CLI, in its own process: loading the app's modules into jest's own
  // process would give GraphQL metadata two realms when jest runs a single file in band.
  execFileSync(
    process.execPath,
    ['--conditions=development', '--import', '@swc-node/register/esm-register', 'apps/cli/src/main.ts', 'seed'],
    {
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  ensureWebBuild();
  // Test workers are forked after global setup and inherit these.
  Object.assign(process.env, env);
}
