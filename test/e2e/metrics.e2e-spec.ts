import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobQueue, ManualClock } from '#core';
import { SweepNotificationsJob } from '#notifications';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, Roles } from '../support/builders.js';
import { eventually } from '../support/test-worker.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { parsePrometheusText, type Sample, sumOf } from '../support/prometheus-text.js';

const TOKEN = 'metrics-test-token-4f1c2a9e';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PROMETHEUS = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('metrics: /metrics on the api (bearer token) and on the worker (METRICS_PORT), scraped by Prometheus', () => {
  const clock = new ManualClock(new Date());
  let api: TestApi;
  let apiPort: number;
  let workerPort: number;
  let worker: WorkerProcess;

  const scrapeApi = async (): Promise<Sample[]> => {
    const response = await api.get('/metrics', TOKEN);
    expect(response.status).toBe(200);
    return parsePrometheusText(String(response.body));
  };

  beforeAll(async () => {
    process.env.METRICS_TOKEN = TOKEN;
    api = await createTestApi(clock);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    apiPort = (api.app.getHttpServer().address() as net.AddressInfo).port;
    workerPort = await freePort();
    worker = startWorkerProcess({ METRICS_PORT: String(workerPort), METRICS_HOST: '127.0.0.1', METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    worker?.child.kill('SIGTERM');
    await worker?.exited;
    await api?.close();
    delete process.env.METRICS_TOKEN;
  });

  it('refuses a scrape without the token (401) or with a wrong one, and answers the exposition format with it', async () => {
    expect((await api.get('/metrics')).status).toBe(401);
    expect((await api.get('/metrics', 'metrics-test-token-wrong000')).status).toBe(401);
    const response = await api.get('/metrics', TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
    const samples = parsePrometheusText(String(response.body));
    for (const name of [
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
      'noden_db_pool_connections',
      'noden_queue_jobs',
      'noden_followups',
      'noden_outbox_pending',
      'noden_outbox_oldest_age_seconds',
    ])
      expect(samples.some((s) => s.name === name)).toBe(true);
    expect(samples.filter((s) => s.name === 'noden_queue_jobs').map((s) => s.labels.queue)).toEqual(
      expect.arrayContaining(['system', 'notifications', 'procurement', 'followup']),
    );
  });

  it('counts requests and GraphQL operations by route, operation and outcome, and SQL statements per request', async () => {
    const staff = await createUser(api, 'Noden', [Roles.NODE_STAFF], 'metrics staff');
    for (let i = 0; i < 3; i++) await api.gql('query MetricsMe { me { email } }', {}, { token: staff.token });
    await api.gql(
      'query MetricsNeed($id: ID!) { need(id: $id) { title } }',
      { id: 'not-a-uuid' },
      { token: staff.token },
    );
    await api.gql('query { me { email } }');
    await api.get(`/no-such-page/${staff.id}`);

    const samples = await scrapeApi();
    expect(sumOf(samples, 'noden_graphql_operations_total', { operation: 'MetricsMe', outcome: 'ok' })).toBe(3);
    const needOutcomes = samples.filter(
      (s) => s.name === 'noden_graphql_operations_total' && s.labels.operation === 'MetricsNeed',
    );
    expect(needOutcomes).toEqual([
      expect.objectContaining({ labels: expect.objectContaining({ outcome: 'BAD_USER_INPUT' }) }),
    ]);
    expect(sumOf(samples, 'noden_graphql_operations_total', { operation: '_anonymous' })).toBeGreaterThanOrEqual(1);
    expect(
      sumOf(samples, 'noden_graphql_operation_duration_seconds_count', { operation: 'MetricsMe', type: 'query' }),
    ).toBe(3);
    expect(
      sumOf(samples, 'noden_http_requests_total', { method: 'POST', route: '/graphql', status: '200' }),
    ).toBeGreaterThanOrEqual(5);
    expect(sumOf(samples, 'noden_http_request_duration_seconds_count', { route: '/graphql' })).toBeGreaterThanOrEqual(
      5,
    );
    expect(sumOf(samples, 'noden_sql_statements_per_request_count', { route: '/graphql' })).toBeGreaterThanOrEqual(5);
    expect(sumOf(samples, 'noden_sql_statements_per_request_sum', { route: '/graphql' })).toBeGreaterThan(0);
    // Bounded labels: a path is counted by its route template (never the path itself), and no label holds an id.
    expect(samples.filter((s) => Object.values(s.labels).some((v) => v.includes('no-such-page')))).toEqual([]);
    const withId = samples.filter((s) => Object.values(s.labels).some((v) => UUID.test(v)));
    expect(withId).toEqual([]);
  });

  it('the worker serves its own /metrics on METRICS_PORT with job durations per queue (token required there too)', async () => {
    await api.app.get(JobQueue).enqueue(SweepNotificationsJob, {});
    const url = `http://127.0.0.1:${workerPort}/metrics`;
    const samples = await eventually(
      async () => {
        const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
        if (!response.ok) return undefined;
        const parsed = parsePrometheusText(await response.text());
        return sumOf(parsed, 'noden_job_duration_seconds_count', { queue: 'notifications', outcome: 'completed' }) > 0
          ? parsed
          : undefined;
      },
      30_000,
      250,
    );
    expect(samples.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);
    expect(samples.some((s) => s.name === 'noden_queue_jobs')).toBe(true);
    expect((await fetch(url)).status).toBe(401);
  });

  const scrapeWithPrometheus = existsSync(PROMETHEUS) ? it : it.skip;
  scrapeWithPrometheus('a real Prometheus scrapes both targets and has values for the key series', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'noden-prometheus-'));
    const promPort = await freePort();
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, scrape_timeout: 1s }',
        'scrape_configs:',
        `  - job_name: noden-api`,
        `    authorization: { credentials: ${TOKEN} }`,
        `    static_configs: [{ targets: ['127.0.0.1:${apiPort}'] }]`,
        `  - job_name: noden-worker`,
        `    authorization: { credentials: ${TOKEN} }`,
        `    static_configs: [{ targets: ['127.0.0.1:${workerPort}'] }]`,
      ].join('\n'),
    );
    let prometheus: ChildProcess | undefined;
    try {
      prometheus = spawn(
        PROMETHEUS,
        [
          `--config.file=${join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${promPort}`,
        ],
        { stdio: 'ignore' },
      );
      const query = async (q: string) => {
        const response = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(q)}`);
        const body = (await response.json()) as {
          data: { result: { metric: Record<string, string>; value: [number, string] }[] };
        };
        return body.data.result;
      };
      await eventually(async () => (await query('up == 1')).length === 2, 30_000, 500);
      await api.gql('query MetricsMe { me { email } }');
      const requests = await eventually(
        async () => {
          const result = await query('sum(noden_http_requests_total{job="noden-api"})');
          return result.length && Number(result[0].value[1]) > 0 ? result : undefined;
        },
        20_000,
        500,
      );
      expect(Number(requests[0].value[1])).toBeGreaterThan(0);
      for (const series of [
        'noden_graphql_operations_total',
        'noden_db_pool_connections',
        'noden_queue_jobs',
        'noden_followups',
        'process_resident_memory_bytes{job="noden-worker"}',
        'noden_job_duration_seconds_count',
      ])
        expect((await query(series)).length).toBeGreaterThan(0);
    } finally {
      prometheus?.kill('SIGTERM');
      await new Promise((resolve) =>
        prometheus && prometheus.exitCode === null ? prometheus.once('exit', resolve) : resolve(undefined),
      );
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('metrics in production without METRICS_TOKEN or METRICS_PORT', () => {
  let api: TestApi;
  beforeAll(async () => {
    process.env.NODE_ENV = 'production';
    api = await createTestApi(new ManualClock(new Date()));
  });
  afterAll(async () => {
    await api?.close();
    process.env.NODE_ENV = 'test';
  });

  it('are not served at all (404), whatever the caller sends', async () => {
    expect((await api.get('/metrics')).status).toBe(404);
    expect((await api.get('/metrics', TOKEN)).status).toBe(404);
  });
});
