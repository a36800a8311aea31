// How fast the worker opens due follow-ups (with their notifications), from enqueued jobs and when the
// reconciler must find them in Postgres. Never part of `npm test`.
//
//   npm run build && npm exec -- node bench/worker-followups.mjs
//   BENCH_FOLLOW_UPS=10000 (default) · BENCH_TIMEOUT_SECONDS=300 · BENCH_ROOT=<another checkout, built> for a before/after
//
// Runs the built worker as its own process on a database and a queue prefix of its own (both removed at the end).
import { spawn, execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

const root = process.env.BENCH_ROOT ?? process.cwd();
const count = Number(process.env.BENCH_FOLLOW_UPS ?? 10_000);
const timeoutMs = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 300) * 1000;
const base = new URL(process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const dbName = `noden_bench_worker_${process.pid}`;
const databaseUrl = new URL(base);
databaseUrl.pathname = `/${dbName}`;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `noden-bench-worker-${process.pid}`;
const env = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl.toString(),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  LOG_LEVEL: 'warn',
  // Only the runs this bench starts: the reconciler's own schedule must not do the "from jobs" part.
  RECONCILE_INTERVAL_SECONDS: '3600',
};

const admin = new pg.Client({ connectionString: base.toString() });
await admin.connect();
const run = (args) => execFileSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
let worker;
const db = new pg.Client({ connectionString: databaseUrl.toString() });
const queue = new Queue('followup', { prefix, connection: { url: redisUrl } });
try {
  run(['dist/apps/cli/src/main.js', 'db:create']);
  run(['node_modules/typeorm/cli.js', 'migration:run', '-d', 'dist/data-source.js']);
  run(['dist/apps/cli/src/main.js', 'seed']);
  await db.connect();
  const [{ id: organizationId }] = (await db.query(`SELECT id FROM organizations WHERE code = '0482'`)).rows;
  const [{ id: userId }] = (
    await db.query(
      `INSERT INTO users (organization_id, email, display_name, password_hash) VALUES ($1, 'bench-contact@noden.se', 'Bench', 'x') RETURNING id`,
      [organizationId],
    )
  ).rows;
  const [{ id: supplierId }] = (
    await db.query(`INSERT INTO suppliers (name, created_at) VALUES ('Bench AB', now()) RETURNING id`)
  ).rows;
  const [{ id: productId }] = (
    await db.query(
      `INSERT INTO products (category_id, supplier_id, name, created_at, updated_at) SELECT id, $1, 'Bench-tillsyn', now(), now() FROM technology_categories ORDER BY sort_order LIMIT 1 RETURNING id`,
      [supplierId],
    )
  ).rows;

  /** `n` implementations that went live 13 months ago, each with its 12-month follow-up due a month ago. */
  const insertDue = async (n) =>
    (
      await db.query(
        `WITH imps AS (
           INSERT INTO implementations (organization_id, product_id, setting, status, go_live_on, responsible_user_id, created_at, updated_at)
           SELECT $1, $2, 'HOME_CARE', 'BROAD_ROLLOUT', current_date - interval '13 months', $3, now(), now() FROM generate_series(1, $4)
           RETURNING id)
         INSERT INTO follow_ups (implementation_id, organization_id, wave, due_on, status, created_at, updated_at)
         SELECT id, $1, 12, current_date - 30, 'SCHEDULED', now(), now() FROM imps
         RETURNING id, to_char(due_on, 'YYYY-MM-DD') AS due_on`,
        [organizationId, productId, userId, n],
      )
    ).rows;

  async function waitDone(ids, label, started) {
    let opened;
    let notified;
    let delivered;
    let openedAt;
    for (;;) {
      const [row] = (
        await db.query(
          `SELECT (SELECT count(*) FROM follow_ups WHERE id = ANY($1::uuid[]) AND status = 'OPEN')::int AS opened,
                  count(*)::int AS notified, count(*) FILTER (WHERE email_status <> 'PENDING')::int AS delivered
             FROM notifications WHERE kind = 'followUp.opened' AND entity_id = ANY($1::uuid[])`,
          [ids],
        )
      ).rows;
      ({ opened, notified, delivered } = row);
      const elapsed = Date.now() - started;
      if (!openedAt && opened === ids.length && notified === ids.length) openedAt = elapsed;
      if (openedAt && delivered === ids.length) return { label, openedAndNotifiedMs: openedAt, deliveredMs: elapsed };
      if (elapsed > timeoutMs)
        return {
          label,
          timedOutAfterMs: elapsed,
          opened,
          notified,
          delivered,
          perSecond: Math.round(opened / (elapsed / 1000)),
        };
      await sleep(100);
    }
  }

  worker = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve) =>
    worker.stdout.on('data', (chunk) => String(chunk).includes('worker started') && resolve()),
  );
  await sleep(2000); // the start-up reconcile finds nothing due

  const fromJobs = await insertDue(count);
  const ids = fromJobs.map((f) => f.id);
  let started = Date.now();
  for (let i = 0; i < fromJobs.length; i += 1000) {
    await queue.addBulk(
      fromJobs.slice(i, i + 1000).map((f) => ({
        name: 'followUp.open',
        data: { followUpId: f.id, dueOn: f.due_on, scheduleVersion: 1 },
        opts: {
          jobId: `followup.open.${f.id}.${f.due_on}.v1`,
          attempts: 5,
          backoff: { type: 'exponential', delay: 2000 },
          removeOnComplete: { age: 86_400, count: 5_000 },
        },
      })),
    );
  }
  const enqueueMs = Date.now() - started;
  const jobs = await waitDone(ids, `${count} follow-ups from enqueued jobs`, started);

  // The jobs for follow-ups an earlier batch took still drain (each one unlocked read); let them finish.
  while ((await queue.getWaitingCount()) + (await queue.getActiveCount()) > 0) await sleep(100);
  const forReconciler = await insertDue(count);
  started = Date.now();
  await queue.add('followUp.reconcile', {}, { removeOnComplete: true });
  const reconciled = await waitDone(
    forReconciler.map((f) => f.id),
    `${count} follow-ups found by the reconciler`,
    started,
  );
  console.log(JSON.stringify({ root, count, enqueueMs, results: [jobs, reconciled] }, null, 2));
} finally {
  worker?.kill('SIGTERM');
  await queue.close();
  await db.end().catch(() => undefined);
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
  await sleep(500);
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
}
