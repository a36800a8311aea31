// `npm run bench:soak` (after `npm run build`): the api's memory over a long mixed load. Boots the PRODUCTION build
// on the bench database (seeded by bench/seed.mjs when missing), sends every scenario of bench/scenarios.mjs
// round-robin (the national bench's full mix) for SOAK_SECONDS (default 600) with SOAK_CONNECTIONS (default 10),
// and samples the api's RSS (/proc) and V8 heap (its own /metrics) every SOAK_SAMPLE_SECONDS (default 30).
// SOAK_NODE_ARGS (e.g. `--max-semi-space-size=16 --max-old-space-size=256`) and the environment (MALLOC_ARENA_MAX)
// reach the api: for comparing memory levers. Writes bench/results/soak-<timestamp>.md and .json.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { SCENARIOS } from './scenarios.mjs';
import { BENCH_PASSWORD, benchUrls, seedBench } from './seed.mjs';

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const sampleSeconds = Number(process.env.SOAK_SAMPLE_SECONDS ?? 30);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 10);
const warmupSeconds = Number(process.env.SOAK_WARMUP_SECONDS ?? 20);
const port = Number(process.env.BENCH_PORT ?? 3899);
const nodeArgs = process.env.SOAK_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const metricsToken = 'soak-metrics-token-0123456789';
const { url: databaseUrl, admin, name } = benchUrls();

const adminClient = new pg.Client({ connectionString: admin });
await adminClient.connect();
const exists = (await adminClient.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount > 0;
await adminClient.end();
if (!exists) await seedBench('national');

const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const userOf = async (kind) => {
  const { rows } = await db.query(
    `SELECT u.id, u.email, u.organization_id FROM users u JOIN organizations o ON o.id = u.organization_id
    WHERE u.email LIKE $1 ORDER BY o.kind = 'MUNICIPALITY' DESC, o.code LIMIT 1`,
    [`bench-${kind}-%`],
  );
  return { id: rows[0].id, email: rows[0].email, organizationId: rows[0].organization_id };
};
const context = {
  users: {
    coach: await userOf('tech_coach'),
    coordinator: await userOf('municipality_coordinator'),
    staff: await userOf('node_staff'),
    steering: await userOf('steering_member'),
  },
  traceNeedId: (
    await db.query(`SELECT need_id FROM implementation_needs GROUP BY need_id ORDER BY count(*) DESC, need_id LIMIT 1`)
  ).rows[0]?.need_id,
  needIds: (await db.query(`SELECT id FROM needs WHERE status = 'TRIAGED' ORDER BY id LIMIT 5`)).rows.map((r) => r.id),
};
await db.end();

const api = spawn(process.execPath, [...nodeArgs, 'dist/apps/api/src/main.js'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `noden-soak-${process.pid}`,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    JWT_EXPIRES_IN_SECONDS: '7200',
    LOG_LEVEL: 'warn',
    LOGIN_MAX_FAILURES: '100',
    READY_REQUIRES_WORKER: 'false',
    METRICS_TOKEN: metricsToken,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
process.on('exit', () => api.exitCode === null && api.kill('SIGTERM'));
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    await fetch(`${base}/health`);
    break;
  } catch {
    if (i > 150) throw new Error('the api did not come up');
    await sleep(200);
  }
}

async function login(email) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      variables: { e: email, p: BENCH_PASSWORD },
    }),
  });
  const body = await response.json();
  if (!body.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(body.errors)}`);
  return body.data.login.accessToken;
}

const requests = [];
for (const scenario of SCENARIOS) {
  const token = await login(context.users[scenario.as ?? 'coach'].email);
  const sequence = scenario.requests
    ? scenario.requests(context)
    : [
        {
          query: typeof scenario.query === 'function' ? scenario.query(context) : scenario.query,
          variables: scenario.variables?.(context) ?? {},
        },
      ];
  for (const request of sequence)
    requests.push({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
    });
}

const rssMb = () => Number(readFileSync(`/proc/${api.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
async function heap() {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
  const value = (metric) => {
    const line = text.split('\n').find((l) => l.startsWith(`${metric} `) || l.startsWith(`${metric}{`));
    return line ? Number(line.split(' ').pop()) / 1024 / 1024 : NaN;
  };
  return {
    heapUsedMb: value('nodejs_heap_size_used_bytes'),
    heapTotalMb: value('nodejs_heap_size_total_bytes'),
    externalMb: value('nodejs_external_memory_bytes'),
  };
}

const round = (n) => Math.round(n * 10) / 10;
const bootRssMb = rssMb();
process.stderr.write(`api up, RSS ${round(bootRssMb)} MB; warm-up ${warmupSeconds} s\n`);
await autocannon({ url: base, duration: warmupSeconds, connections, requests, timeout: 30 });

const samples = [];
let peakRssMb = rssMb();
const peakTimer = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb())), 500);
const started = Date.now();
const take = async () => {
  const sample = { t: Math.round((Date.now() - started) / 1000), rssMb: round(rssMb()), ...(await heap()) };
  for (const key of ['heapUsedMb', 'heapTotalMb', 'externalMb']) sample[key] = round(sample[key]);
  samples.push(sample);
  process.stderr.write(
    `t=${sample.t}s RSS ${sample.rssMb} MB, heap used ${sample.heapUsedMb} / total ${sample.heapTotalMb} MB\n`,
  );
};
await take();
const sampler = setInterval(() => void take(), sampleSeconds * 1000);
const result = await autocannon({ url: base, duration: seconds, connections, requests, timeout: 30 });
clearInterval(sampler);
clearInterval(peakTimer);
await take();
api.kill('SIGTERM');

// Flat: the last third of the samples against the first third (after warm-up), in per cent.
const third = Math.max(1, Math.floor(samples.length / 3));
const mean = (list, key) => list.reduce((s, x) => s + x[key], 0) / list.length;
const drift = (key) =>
  round(
    ((mean(samples.slice(-third), key) - mean(samples.slice(0, third), key)) / mean(samples.slice(0, third), key)) *
      100,
  );
const summary = {
  at: new Date().toISOString(),
  seconds,
  connections,
  nodeArgs,
  mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? null,
  scenarios: SCENARIOS.length,
  requests: result.requests.total,
  reqPerSec: round(result.requests.average),
  errors: result.errors + result.non2xx + result.timeouts,
  p99Ms: result.latency.p99,
  bootRssMb: round(bootRssMb),
  peakRssMb: round(peakRssMb),
  rssDriftPercent: drift('rssMb'),
  heapUsedDriftPercent: drift('heapUsedMb'),
  samples,
};
mkdirSync('bench/results', { recursive: true });
const stamp = summary.at.replace(/[:.]/g, '-');
writeFileSync(`bench/results/soak-${stamp}.json`, `${JSON.stringify(summary, null, 2)}\n`);
const table = [
  `# Soak ${summary.at}`,
  '',
  `${seconds} s of the full mix (${SCENARIOS.length} scenarios round-robin), ${connections} connections; node args: ${nodeArgs.join(' ') || 'none'}; MALLOC_ARENA_MAX: ${summary.mallocArenaMax ?? 'unset'}.`,
  `${summary.requests} requests (${summary.reqPerSec} req/s), ${summary.errors} errors, p99 ${summary.p99Ms} ms. RSS after boot ${summary.bootRssMb} MB, peak ${summary.peakRssMb} MB; drift (last third vs first third of the samples): RSS ${summary.rssDriftPercent} %, heap used ${summary.heapUsedDriftPercent} %.`,
  '',
  '| t (s) | RSS MB | heap used MB | heap total MB | external MB |',
  '| --- | --- | --- | --- | --- |',
  ...samples.map((s) => `| ${s.t} | ${s.rssMb} | ${s.heapUsedMb} | ${s.heapTotalMb} | ${s.externalMb} |`),
  '',
].join('\n');
writeFileSync(`bench/results/soak-${stamp}.md`, table);
process.stdout.write(`${table}\n`);
process.exit(0);
