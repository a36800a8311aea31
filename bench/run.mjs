// Boots the built api on a generated data set in a database of its own and measures each scenario with
// autocannon: requests/s, latency percentiles, the api's resident memory. Never part of `npm test`.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { SCENARIOS } from './scenarios.mjs';

const base = new URL(process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const dbName = process.env.BENCH_DATABASE ?? 'noden_bench';
const databaseUrl = new URL(base);
databaseUrl.pathname = `/${dbName}`;
const port = Number(process.env.BENCH_PORT ?? 3999);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const only = process.env.BENCH_ONLY?.split(',');
const env = {
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl.toString(),
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: `noden-bench-${process.pid}`,
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  JWT_EXPIRES_IN_SECONDS: '3600',
  PORT: String(port),
  LOG_LEVEL: 'warn',
  LOGIN_MAX_FAILURES: '100',
};

const admin = new pg.Client({ connectionString: base.toString() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
await admin.end();
const run = (args) => execFileSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
run(['dist/apps/cli/src/main.js', 'db:create']);
run(['node_modules/typeorm/cli.js', 'migration:run', '-d', 'dist/data-source.js']);
run(['dist/apps/cli/src/main.js', 'seed']);

const db = new pg.Client({ connectionString: databaseUrl.toString() });
await db.connect();
const { PasswordHasher } = await import('../dist/libs/core/src/index.js');
const password = 'bench-password-123';
const hash = await PasswordHasher.hash(password);
const context = { db, hash, password, users: {} };
for (const scenario of SCENARIOS) await scenario.prepare?.(context);

const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const url = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`${url}/health`)).ok) break;
  } catch {
    // not up yet
  }
  await sleep(200);
}

async function login(email) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', variables: { e: email, p: password } }),
  });
  const body = await response.json();
  if (!body.data?.login) throw new Error(`bench login failed for ${email}: ${JSON.stringify(body.errors)}`);
  return body.data.login.accessToken;
}

const rss = () => Number(readFileSync(`/proc/${api.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
const results = [];
try {
  for (const scenario of SCENARIOS) {
    if (only && !only.includes(scenario.name)) continue;
    const token = await login(context.users[scenario.as ?? 'staff']);
    const body = JSON.stringify({ query: scenario.query, variables: scenario.variables?.(context) ?? {} });
    const probe = await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })).json();
    if (probe.errors) throw new Error(`${scenario.name}: ${JSON.stringify(probe.errors)}`);
    const result = await autocannon({
      url: `${url}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
      duration,
      connections,
    });
    results.push({
      scenario: scenario.name,
      data: scenario.describe?.(context) ?? '',
      'req/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      errors: result.errors + result.non2xx,
      'api RSS MB': Math.round(rss()),
    });
  }
} finally {
  api.kill('SIGTERM');
  await db.end();
  await sleep(500);
  const cleanup = new pg.Client({ connectionString: base.toString() });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await cleanup.end();
}
console.log(`\n${duration} s per scenario, ${connections} connections, api in production mode on ${env.DATABASE_URL}`);
console.table(results);
