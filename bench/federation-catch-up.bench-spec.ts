import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { Db, ManualClock, Role } from '#core';
import { FederationPublisher, publicPart, type Registry, rotateKeyFile, signRegistry } from '#federation';
import { createTestApi, type TestApi } from '../test/support/test-api.js';
import { createUser } from '../test/support/builders.js';
import { eventually } from '../test/support/test-worker.js';
import { type AppProcess, freePort, startAppProcess } from '../test/support/node-process.js';
import { deleteKeysMatching } from '../test/support/redis-keys.js';

/**
 * Catching up a peer's feed: node A (this process) publishes BENCH_FEDERATION_RECORDS published articles (default
 * 10 000), then node B (a worker process of its own, on its own database) pulls them all from nothing. Prints the
 * time A took to sign them, B's catch-up time (first request to caught up, from B's own timestamps) and B's peak
 * memory (VmHWM of the worker process). `npm run bench:federation`.
 */
const records = Number(process.env.BENCH_FEDERATION_RECORDS ?? 10_000);

describe('federation catch-up', () => {
  const clock = new ManualClock('2026-12-01T08:00:00.000Z');
  let dir: string;
  let api: TestApi;
  let worker: AppProcess | undefined;
  let db: pg.Client;
  const dbName = `${process.env.DATABASE_NAME}_fedbench_${randomUUID().slice(0, 6)}`;
  const prefix = `${process.env.QUEUE_PREFIX}-fedbench`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'noden-federation-bench-'));
    const [portA, portB] = await Promise.all([freePort(), freePort()]);
    const a = `http://127.0.0.1:${portA}`;
    const b = `http://127.0.0.1:${portB}`;
    const now = new Date();
    const keyOf = async (name: string) => {
      const path = join(dir, `${name}.json`);
      return { path, key: (await rotateKeyFile(path, now, 14)).added };
    };
    const [ka, kb, kr] = await Promise.all([keyOf('a'), keyOf('b'), keyOf('registry')]);
    const registry: Registry = {
      version: 1,
      issuedAt: now.toISOString(),
      nodes: [
        { id: a, name: 'Nod A', county: 'A län', keys: [ka.key.kid] },
        { id: b, name: 'Nod B', county: 'B län', keys: [kb.key.kid] },
      ],
    };
    const registryFile = join(dir, 'registry.jws');
    await writeFile(registryFile, await signRegistry(registry, kr.key));
    const pinned = JSON.stringify(publicPart(kr.key));
    Object.assign(process.env, {
      FEDERATION_NODE_ID: a,
      FEDERATION_KEY_FILE: ka.path,
      FEDERATION_REGISTRY_FILE: registryFile,
      FEDERATION_REGISTRY_KEY: pinned,
    });
    api = await createTestApi(clock);
    await api.app.listen({ port: portA, host: '127.0.0.1' });

    const admin = new pg.Client({ connectionString: process.env.ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE "${process.env.DATABASE_NAME}"`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${dbName}`;
    db = new pg.Client({ connectionString: url.toString() });
    db.on('error', () => undefined);
    await db.connect();
    (globalThis as Record<string, unknown>).benchEnv = {
      DATABASE_URL: url.toString(),
      QUEUE_PREFIX: prefix,
      FEDERATION_NODE_ID: b,
      FEDERATION_KEY_FILE: kb.path,
      FEDERATION_REGISTRY_FILE: registryFile,
      FEDERATION_REGISTRY_KEY: pinned,
      // One run, at the worker's start: the catch-up is timed from B's first request to caught up.
      FEDERATION_PULL_SECONDS: '3600',
      LOG_LEVEL: 'warn',
    };
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await db?.end();
    const admin = new pg.Client({ connectionString: process.env.ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    await deleteKeysMatching(`${prefix}:*`);
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it(`pulls ${records} records from a peer`, async () => {
    const author = await createUser(api, 'Noden', [Role.NODE_STAFF], 'author');
    const manager = api.app.get(Db).manager;
    await manager.query(
      `INSERT INTO knowledge_articles (organization_id, author_user_id, kind, title, summary, body, source_type, quality_grade, status, published_at, created_at, updated_at)
       SELECT $1, $2, 'LESSON', 'Lärdom ' || n || ' om trygghetslarm', 'Sammanfattning av lärdom ' || n,
              repeat('Erfarenheter från införandet av digitala trygghetslarm i hemtjänsten. ', 12),
              'COUNTY_TEST', 'ASSESSED', 'PUBLISHED', now(), now(), now()
         FROM generate_series(1, $3) n`,
      [author.organizationId, author.id, records],
    );
    const publishStart = performance.now();
    const published = await api.app.get(FederationPublisher).refresh();
    const publishMs = performance.now() - publishStart;
    expect(published).toBe(records);

    const env = (globalThis as Record<string, unknown>).benchEnv as Record<string, string>;
    worker = startAppProcess('worker', env);
    const peak = { rss: 0 };
    const sampler = setInterval(async () => {
      const status = await readFile(`/proc/${worker!.child.pid}/status`, 'utf8').catch(() => '');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak.rss = Math.max(peak.rss, rss);
    }, 100);
    const row = await eventually(
      async () => {
        const [peer] = (
          await db.query(
            `SELECT last_seq::int, caught_up_at, last_attempt_at, received_count::int, refused_count::int, last_error FROM federation_peers WHERE node_id = $1`,
            [process.env.FEDERATION_NODE_ID],
          )
        ).rows;
        return peer?.caught_up_at && peer;
      },
      600_000,
      200,
    );
    const status = await readFile(`/proc/${worker.child.pid}/status`, 'utf8');
    clearInterval(sampler);
    const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const catchUpMs = row.caught_up_at.getTime() - row.last_attempt_at.getTime();
    const [{ n }] = (
      await db.query(`SELECT count(*)::int AS n FROM knowledge_entries WHERE origin_node_id IS NOT NULL`)
    ).rows;
    const figures = {
      records,
      publishSignMs: Math.round(publishMs),
      catchUpMs,
      recordsPerSecond: Math.round((records / catchUpMs) * 1000),
      workerPeakRssMb: Math.round(Math.max(hwm, peak.rss) / 1024),
      received: row.received_count,
      refused: row.refused_count,
      searchableEntries: n,
      load: (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' '),
    };
    process.stdout.write(`\n${JSON.stringify(figures, null, 2)}\n`);
    expect(row.received_count).toBe(records);
    expect(n).toBe(records);
  }, 900_000);
});
