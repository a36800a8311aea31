import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import pg from 'pg';
import { addDays, ManualClock } from '#core';
import { type DemoReport, runDemo } from '../../apps/cli/src/demo/demo-county.js';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { login } from '../support/builders.js';
import { createTestWorker, eventually } from '../support/test-worker.js';
import { deleteKeysMatching } from '../support/redis-keys.js';

const exec = promisify(execFile);

/** `npm run cli -- <args>` from the sources, on the given database. */
function cli(args: string[], databaseUrl: string) {
  return exec(
    process.execPath,
    ['--conditions=development', '--import', '@swc-node/register/esm-register', 'apps/cli/src/main.ts', ...args],
    { env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: databaseUrl } },
  );
}

async function pgToolFor(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT current_setting('server_version_num')::int / 10000 AS major`);
  await client.end();
  const { stdout } = await exec('pg_dump', ['--version']).catch(() => ({ stdout: '0' }));
  return Number(/(\d+)/.exec(stdout)?.[1]) >= rows[0].major;
}

const QUERIES: Record<string, string> = {
  needs: `{ needs(first: 100, statuses: [NEW, TRIAGED, IN_TEST, IN_PROCUREMENT, ADDRESSED, DECLINED, MERGED]) { totalCount nodes { id title status endorsementCount organization { name } } } }`,
  overview: `{ countyOverview { asOf needsByStatus { status count } decisionsThisYear equityBySex { women men otherOrUnknown suppressed } followUpsByMunicipality { organization { name } due answered overdue suppressed } } }`,
  followUps: `{ followUps(first: 100) { totalCount nodes { id status dueOn wave answeredAt } } }`,
  implementations: `{ implementations(first: 100) { totalCount nodes { id status } } }`,
};

/**
 * A county's data through backup and restore: the demo county, `npm run cli -- backup`, `restore` into a new
 * database, an api on the restored database answers the same as before, and follow-ups that were scheduled still
 * open when their day comes (the worker on the restored database).
 */
describe('backup and restore', () => {
  const now = new Date('2026-11-30T10:00:00.000Z');
  const dir = mkdtempSync(join(tmpdir(), 'noden-backup-'));
  const file = join(dir, 'noden.dump');
  const originalUrl = () => process.env.DATABASE_URL!;
  let restoredUrl: string;
  let report: DemoReport;
  let before: Record<string, unknown>;
  let supported = true;
  let api: TestApi | undefined;
  let worker: TestingModule | undefined;
  const restoredPrefix = `${process.env.QUEUE_PREFIX}-restored`;
  const saved = { ...process.env };

  beforeAll(async () => {
    supported = await pgToolFor(originalUrl());
    if (!supported) return;
    report = await runDemo({ now });
    const original = await createTestApi(new ManualClock(now));
    try {
      before = await answers(original);
    } finally {
      await original.close();
    }
    const url = new URL(originalUrl());
    url.pathname = `${url.pathname}_restored`;
    restoredUrl = url.toString();
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    Object.assign(process.env, { DATABASE_URL: saved.DATABASE_URL, QUEUE_PREFIX: saved.QUEUE_PREFIX });
    delete process.env.RECONCILE_INTERVAL_SECONDS;
    if (restoredUrl) {
      const admin = new pg.Client({ connectionString: process.env.ADMIN_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${new URL(restoredUrl).pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
    }
    await deleteKeysMatching(`${restoredPrefix}:*`);
    rmSync(dir, { recursive: true, force: true });
  });

  async function answers(target: TestApi): Promise<Record<string, unknown>> {
    const staff = report.logins.find((l) => l.roles.includes('NODE_STAFF' as never))!;
    const token = await login(target, staff.email, report.password);
    const result: Record<string, unknown> = {};
    for (const [name, query] of Object.entries(QUERIES)) {
      const response = await target.gql(query, undefined, { token });
      expect(response.errors).toBeUndefined();
      result[name] = response.data;
    }
    const need = (result.needs as any).needs.nodes.find((n: { status: string }) => n.status === 'ADDRESSED');
    const trace = await target.gql(
      `query($id: ID!) { trace(entityType: NEED, id: $id) { nodes { entityType id title status } edges { from to kind } } }`,
      { id: need.id },
      { token },
    );
    expect(trace.errors).toBeUndefined();
    // The trace orders by thread step and date; steps on the same date come in no fixed order, so compare as sets.
    const key = (value: unknown) => JSON.stringify(value);
    result.thread = {
      nodes: trace.data!.trace.nodes.map(key).sort(),
      edges: trace.data!.trace.edges.map(key).sort(),
    };
    return result;
  }

  it('backs up the whole database to a file while the data is in use', async () => {
    if (!supported) return void console.warn('skipped: no pg_dump as new as the server here');
    const { stdout } = await cli(['backup', file], originalUrl());
    expect(JSON.parse(stdout)).toMatchObject({ backup: file, bytes: expect.any(Number) });
    expect(existsSync(file)).toBe(true);
  }, 60_000);

  it('refuses to restore over a database that already holds Noden', async () => {
    if (!supported) return;
    await expect(cli(['restore', file], originalUrl())).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("already holds Noden's tables"),
    });
  }, 60_000);

  it('restores into a new database, where an api gives the same answers as before', async () => {
    if (!supported) return;
    const { stdout } = await cli(['restore', file], restoredUrl);
    expect(JSON.parse(stdout)).toMatchObject({ restored: file, created: true });
    process.env.DATABASE_URL = restoredUrl;
    api = await createTestApi(new ManualClock(now));
    const after = await answers(api);
    expect(after).toEqual(before);
    expect((before.followUps as any).followUps.totalCount).toBeGreaterThan(0);
  }, 120_000);

  it('scheduled follow-ups still open on their day, run by a worker on the restored database', async () => {
    if (!supported) return;
    const scheduled = (
      await api!.gql(`{ followUps(first: 100, status: SCHEDULED) { nodes { id dueOn } } }`, undefined, {
        token: await login(
          api!,
          report.logins.find((l) => l.roles.includes('NODE_STAFF' as never))!.email,
          report.password,
        ),
      })
    ).data!.followUps.nodes as { id: string; dueOn: string }[];
    expect(scheduled.length).toBeGreaterThan(0);
    const first = scheduled.sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
    // A restored installation on a new Redis has no jobs: the reconciler finds the due follow-up in Postgres.
    if (process.env.QUEUE_BACKEND === 'redis') process.env.QUEUE_PREFIX = restoredPrefix;
    process.env.RECONCILE_INTERVAL_SECONDS = '1';
    api!.clock.set(addDays(new Date(`${first.dueOn}T09:00:00.000Z`), 1));
    worker = await createTestWorker(api!.clock);
    const staff = report.logins.find((l) => l.roles.includes('NODE_STAFF' as never))!;
    const token = await login(api!, staff.email, report.password);
    await eventually(
      async () => {
        const response = await api!.gql(
          `query($id: ID!) { followUp(id: $id) { status openedAt } }`,
          { id: first.id },
          { token },
        );
        return response.data?.followUp?.status === 'OPEN' ? response : undefined;
      },
      60_000,
      500,
    );
  }, 120_000);
});
