import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import pg from 'pg';
import { deleteKeysMatching } from '../support/redis-keys.js';

/**
 * Each test file gets a database of its own, copied from the run's migrated and seeded template, and a
 * queue prefix of its own: files run in parallel, each with its own clock and worker, and must never
 * see each other's rows or jobs.
 */
const suffix = randomBytes(4).toString('hex');
const template = process.env.DATABASE_NAME!;
const database = `${template}_${suffix}`;
const basePrefix = process.env.QUEUE_PREFIX!;
const prefix = `${basePrefix}-${suffix}`;

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await withAdmin(async (admin) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // Two files copying the template at the same instant: Postgres refuses one; it tries again.
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  process.env.QUEUE_PREFIX = prefix;
});

afterAll(async () => {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  // On the Postgres backend the queues lived in the dropped database.
  await deleteKeysMatching(`${prefix}:*`);
});
