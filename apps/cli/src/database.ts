import pg from 'pg';
import { createDatabase, databaseExists } from './cli.queries.js';

/** Creates the database named in DATABASE_URL if it does not exist (connecting to `postgres` to do so). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) throw new Error(`DATABASE_URL names an unusable database "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    if (await databaseExists(client, name)) return false;
    await createDatabase(client, name);
    return true;
  } finally {
    await client.end();
  }
}
