import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { ensureDatabase } from './database.js';
import { restoreTarget, serverMajorVersion } from './cli.queries.js';

const run = promisify(execFile);

export class BackupError extends Error {}

/**
 * `pg_dump`/`pg_restore` of at least the server's major version: PG_BIN_DIR, then Debian's per-version folders
 * (/usr/lib/postgresql/<n>/bin, newest first), then PATH. An older pg_dump refuses a newer server, so say which.
 */
async function tool(name: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<string> {
  const candidates: string[] = [];
  if (process.env.PG_BIN_DIR) candidates.push(`${process.env.PG_BIN_DIR}/${name}`);
  if (existsSync('/usr/lib/postgresql'))
    for (const version of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)))
      candidates.push(`/usr/lib/postgresql/${version}/bin/${name}`);
  candidates.push(name);
  const found: string[] = [];
  for (const candidate of candidates) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    try {
      const { stdout } = await run(candidate, ['--version']);
      const major = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1]);
      if (major >= serverMajor) return candidate;
      found.push(`${candidate} is version ${major}`);
    } catch {
      // not installed there
    }
  }
  throw new BackupError(
    `${name} ${serverMajor} or newer is needed for this PostgreSQL ${serverMajor} server (${found.join('; ') || 'none found'}): ` +
      `install postgresql-client-${serverMajor} (apt.postgresql.org) or point PG_BIN_DIR at its bin folder.`,
  );
}

async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await serverMajorVersion(client);
  } finally {
    await client.end();
  }
}

/** The password travels in PGPASSWORD, never on the command line (visible in `ps`). */
function connectionArgs(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    args: ['--dbname', parsed.toString()],
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

function exec(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/**
 * One consistent snapshot of the whole database in pg_dump's custom format: every schema, so BullMQ's
 * `bullmq_<prefix>` schema comes along when the queues are in the same Postgres. A running api and worker may go
 * on meanwhile.
 */
export async function backup(url: string, file: string): Promise<{ bytes: number; serverMajor: number }> {
  const major = await serverMajor(url);
  const pgDump = await tool('pg_dump', major);
  const { args, env } = connectionArgs(url);
  await exec(pgDump, [...args, '--format=custom', '--no-owner', '--no-privileges', '--file', file], env);
  return { bytes: statSync(file).size, serverMajor: major };
}

/**
 * Restores a backup into the database of `url`, created when missing; refused when that database already holds
 * Noden's tables (restore into a new database, then point DATABASE_URL at it). One transaction: all or nothing.
 */
export async function restore(url: string, file: string): Promise<{ created: boolean }> {
  if (!existsSync(file)) throw new BackupError(`No backup file ${file}`);
  const created = await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let major: number;
  try {
    const target = await restoreTarget(client);
    if (target.used)
      throw new BackupError(
        `The database ${new URL(url).pathname.slice(1)} already holds Noden's tables: restore into a new (or empty) database.`,
      );
    major = target.major;
  } finally {
    await client.end();
  }
  const pgRestore = await tool('pg_restore', major);
  const { args, env } = connectionArgs(url);
  await exec(
    pgRestore,
    [...args, '--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', file],
    env,
  );
  return { created };
}
