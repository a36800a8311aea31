// The README's failure table, measured: a Postgres and a Redis of the drill's own (so they can be stopped,
// emptied and restarted without touching anyone else's), the built api and worker as processes, then
// Redis stopped, Redis emptied, worker killed, Postgres restarted, api restarted. Never part of `npm test`.
//
//   npm run build && npm exec -- node bench/failure-drill.mjs      (as root: runs Postgres as the `postgres` OS user)
//   DRILL_RECONCILE_SECONDS=10 · DRILL_HEARTBEAT_SECONDS=5 · DRILL_STALE_SECONDS=20 (defaults; production: 60 / 15 / 60)
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, chownSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const pgBin = execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | tail -1']).toString().trim();
const pgPort = 5499;
const redisPort = 6391;
const apiPort = 3998;
const work = `/tmp/noden-drill-${process.pid}`;
const reconcileSeconds = Number(process.env.DRILL_RECONCILE_SECONDS ?? 10);
const env = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/noden`,
  REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  QUEUE_PREFIX: 'noden',
  JWT_SECRET: 'drill-secret-drill-secret-drill-secret-0123',
  JWT_EXPIRES_IN_SECONDS: '3600',
  PORT: String(apiPort),
  LOG_LEVEL: 'warn',
  RECONCILE_INTERVAL_SECONDS: String(reconcileSeconds),
  WORKER_HEARTBEAT_SECONDS: process.env.DRILL_HEARTBEAT_SECONDS ?? '5',
  WORKER_STALE_AFTER_SECONDS: process.env.DRILL_STALE_SECONDS ?? '20',
};
const asPostgres = (cmd, args) =>
  execFileSync('runuser', ['-u', 'postgres', '--', `${pgBin}/${cmd}`, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
const results = {};
const children = new Set();
const started = (child) => (children.add(child), child.once('exit', () => children.delete(child)), child);
const startRedis = () =>
  started(
    spawn(
      'redis-server',
      [
        '--port',
        String(redisPort),
        '--bind',
        '127.0.0.1',
        '--appendonly',
        'yes',
        '--dir',
        `${work}/redis`,
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    ),
  );
const startApi = () =>
  started(spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
const startWorker = () =>
  started(spawn(process.execPath, ['dist/apps/worker/src/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
const stop = (child, signal = 'SIGTERM') =>
  new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill(signal))));
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
pool.on('error', () => undefined);
const url = `http://127.0.0.1:${apiPort}`;

async function until(check, timeoutMs = 300_000, everyMs = 100) {
  const from = Date.now();
  for (;;) {
    try {
      if (await check()) return Date.now() - from;
    } catch {
      // not yet
    }
    if (Date.now() - from > timeoutMs) throw new Error('timed out');
    await sleep(everyMs);
  }
}
const ready = async () => {
  const response = await fetch(`${url}/ready`);
  return { status: response.status, failing: (await response.json()).failing };
};
let token;
async function gql(query, variables) {
  const from = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  return { ms: Math.round(performance.now() - from), body };
}
let productId;
let contactId;
/** Records an implementation that went live 13 months ago: its 12-month follow-up is due at once. */
async function record() {
  const goLiveOn = new Date(Date.now() - 396 * 86_400_000).toISOString().slice(0, 10);
  const { ms, body } = await gql(
    `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { followUps { id wave } } }`,
    {
      i: { productId, setting: 'HOME_CARE', responsibleUserId: contactId, goLiveOn },
    },
  );
  return {
    ms,
    id: body.data?.recordImplementation.followUps.find((f) => f.wave === 12).id,
    error: body.errors?.[0]?.extensions?.code,
  };
}
const opened = async (ids) =>
  (await pool.query(`SELECT count(*)::int AS n FROM follow_ups WHERE id = ANY($1::uuid[]) AND status = 'OPEN'`, [ids]))
    .rows[0].n === ids.length;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
async function recordMany(n) {
  const rows = [];
  for (let i = 0; i < n; i++) rows.push(await record());
  return {
    ids: rows.map((r) => r.id).filter(Boolean),
    ms: rows.map((r) => r.ms),
    errors: rows.map((r) => r.error).filter(Boolean),
  };
}

let api;
let worker;
try {
  mkdirSync(`${work}/redis`, { recursive: true });
  mkdirSync(`${work}/pg`, { recursive: true });
  chownSync(
    `${work}/pg`,
    Number(execFileSync('id', ['-u', 'postgres']).toString()),
    Number(execFileSync('id', ['-g', 'postgres']).toString()),
  );
  asPostgres('initdb', ['-D', `${work}/pg`, '-A', 'trust', '-U', 'postgres']);
  const pgStart = () =>
    asPostgres('pg_ctl', [
      '-D',
      `${work}/pg`,
      '-o',
      `-p ${pgPort} -k /tmp -c listen_addresses=127.0.0.1`,
      '-l',
      `${work}/pg/log`,
      '-w',
      'start',
    ]);
  pgStart();
  let redis = startRedis();
  await until(async () =>
    execFileSync('redis-cli', ['-p', String(redisPort), 'ping'])
      .toString()
      .includes('PONG'),
  );
  const run = (args) => execFileSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  run(['dist/apps/cli/src/main.js', 'db:create']);
  run(['node_modules/typeorm/cli.js', 'migration:run', '-d', 'dist/data-source.js']);
  run(['dist/apps/cli/src/main.js', 'seed']);
  const password = 'drill-password-123';
  run([
    'dist/apps/cli/src/main.js',
    'user:create',
    '--email',
    'staff@drill.se',
    '--password',
    password,
    '--org',
    'Noden',
    '--role',
    'NODE_STAFF',
  ]);
  run([
    'dist/apps/cli/src/main.js',
    'user:create',
    '--email',
    'coordinator@drill.se',
    '--password',
    password,
    '--org-code',
    '0482',
    '--role',
    'MUNICIPALITY_COORDINATOR',
  ]);
  run([
    'dist/apps/cli/src/main.js',
    'user:create',
    '--email',
    'contact@drill.se',
    '--password',
    password,
    '--org-code',
    '0482',
    '--role',
    'TECH_COACH',
  ]);
  contactId = (await pool.query(`SELECT id FROM users WHERE email = 'contact@drill.se'`)).rows[0].id;

  api = startApi();
  worker = startWorker();
  await until(async () => (await ready()).status === 200, 60_000);
  const login = async (email) =>
    (
      await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
        e: email,
        p: password,
      })
    ).body.data.login.accessToken;
  token = await login('staff@drill.se');
  const supplier = (await gql(`mutation { createSupplier(input: { name: "Drill AB" }) { id } }`)).body.data
    .createSupplier.id;
  productId = (
    await gql(
      `mutation($s: ID!) { createProduct(input: { category: "DIGITAL_SUPERVISION", supplierId: $s, name: "Drill-tillsyn" }) { id } }`,
      { s: supplier },
    )
  ).body.data.createProduct.id;
  token = await login('coordinator@drill.se');

  // Baseline: everything up.
  await recordMany(3);
  const base = await recordMany(5);
  results.baseline = { mutationMs: base.ms, openedAfterMs: await until(() => opened(base.ids)) };

  // Redis stopped (its append-only file kept), 10 s, started again.
  await stop(redis);
  await sleep(500);
  const down = await recordMany(5);
  const readyWhileDown = await ready();
  await sleep(10_000);
  redis = startRedis();
  const redisBackAt = Date.now();
  results.redisStopped = {
    mutationMs: down.ms,
    errors: down.errors,
    readyWhileDown,
    openedAfterRedisBackMs: await until(() => opened(down.ids)),
    readyAgainAfterMs: Date.now() - redisBackAt + (await until(async () => (await ready()).status === 200)),
  };

  // Redis emptied under a running worker; a follow-up falls due afterwards (no job for it anywhere).
  execFileSync('redis-cli', ['-p', String(redisPort), 'FLUSHALL']);
  const flushedAt = Date.now();
  const [{ id: dueId }] = (
    await pool.query(
      `UPDATE follow_ups SET due_on = current_date WHERE id = (SELECT id FROM follow_ups WHERE wave = 24 AND status = 'SCHEDULED' LIMIT 1) RETURNING id`,
    )
  ).rows;
  const schedulersBackMs = await until(
    async () =>
      execFileSync('redis-cli', ['-p', String(redisPort), 'EXISTS', 'noden:followup:repeat'])
        .toString()
        .trim() === '1',
  );
  results.redisEmptied = {
    schedulersBackMs,
    newlyDueOpenedAfterFlushMs: Date.now() - flushedAt + (await until(() => opened([dueId]))),
  };

  // Worker killed (-9): how long /ready takes to notice, what waits, how long after a restart until done.
  await stop(worker, 'SIGKILL');
  const killedAt = Date.now();
  const whileDead = await recordMany(3);
  const notReadyAfterMs = Date.now() - killedAt + (await until(async () => (await ready()).failing.includes('worker')));
  worker = startWorker();
  const workerBackAt = Date.now();
  results.workerKilled = {
    mutationMs: whileDead.ms,
    notReadyAfterMs,
    openedAfterRestartMs: await until(() => opened(whileDead.ids)),
    readyAfterRestartMs: Date.now() - workerBackAt + (await until(async () => (await ready()).status === 200)),
  };

  // Postgres restarted (fast shutdown): what a user sees meanwhile, how long until it works again.
  const restartAt = Date.now();
  const restarting = new Promise((resolve) => {
    asPostgres('pg_ctl', ['-D', `${work}/pg`, '-m', 'fast', '-w', 'stop']);
    resolve(Date.now() - restartAt);
  });
  const stoppedMs = await restarting;
  const duringRestart = await record();
  const pgDown = await ready();
  pgStart();
  const pgBackAt = Date.now();
  let after;
  const mutationWorksAfterMs = await until(async () => {
    after = await record();
    return !after.error;
  });
  results.postgresRestarted = {
    stoppedForMs: stoppedMs,
    duringRestart: { ms: duringRestart.ms, errorCode: duringRestart.error },
    readyWhileDown: pgDown,
    mutationWorksAfterStartMs: mutationWorksAfterMs,
    followUpOpenedAfterStartMs: Date.now() - pgBackAt + (await until(() => opened([after.id]))),
    workerReadyAfterStartMs: Date.now() - pgBackAt + (await until(async () => (await ready()).status === 200)),
  };

  // api restarted (SIGTERM, start again).
  const apiStopAt = Date.now();
  await stop(api);
  const apiStopMs = Date.now() - apiStopAt;
  api = startApi();
  const apiStartAt = Date.now();
  const healthyMs = await until(async () => (await fetch(`${url}/health`)).ok);
  await until(async () => (await ready()).status === 200);
  const readyMs = Date.now() - apiStartAt;
  const afterRestart = await recordMany(2);
  results.apiRestarted = {
    stopMs: apiStopMs,
    healthyAfterStartMs: healthyMs,
    readyAfterStartMs: readyMs,
    mutationMs: afterRestart.ms,
    openedAfterMs: await until(() => opened(afterRestart.ids)),
  };

  results.medians = {
    baselineMutationMs: median(results.baseline.mutationMs),
    redisDownMutationMs: median(results.redisStopped.mutationMs),
  };
  console.log(
    JSON.stringify(
      {
        reconcileSeconds,
        heartbeatSeconds: env.WORKER_HEARTBEAT_SECONDS,
        staleSeconds: env.WORKER_STALE_AFTER_SECONDS,
        ...results,
      },
      null,
      2,
    ),
  );
} finally {
  for (const child of children) child.kill('SIGKILL');
  await pool.end().catch(() => undefined);
  try {
    asPostgres('pg_ctl', ['-D', `${work}/pg`, '-m', 'immediate', 'stop']);
  } catch {
    // already stopped
  }
  rmSync(work, { recursive: true, force: true });
}
