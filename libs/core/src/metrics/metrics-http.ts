import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import { SqlStatementCounter } from '../database/sql-statement-counter.js';
import type { MetricsService } from './metrics.service.js';

/** `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time; true when no token is configured. */
export function metricsAuthorized(authorization: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `/metrics` on the api's own port: with METRICS_TOKEN, for callers that send it; without, only outside
 * production (in production without a token it is not served at all: use METRICS_PORT, a port not published).
 */
export function installApiMetrics(fastify: FastifyInstance, metrics: MetricsService, config: AppConfig): void {
  metrics.enableProcessMetrics();
  const requests = metrics.counter({
    name: 'noden_http_requests_total',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
  });
  const duration = metrics.histogram({
    name: 'noden_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const statements = metrics.histogram({
    name: 'noden_sql_statements_per_request',
    help: 'SQL statements one HTTP request cost, by route template',
    labelNames: ['route'],
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55],
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = routeOf(request);
    if (route === '/metrics') return;
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
    const tally = request.sqlTally ?? SqlStatementCounter.current();
    if (tally) statements.observe({ route }, tally.statements);
  });

  const onMainPort = Boolean(config.metricsToken) || !config.isProduction;
  if (!onMainPort) return;
  fastify.get('/metrics', async (request, reply) => {
    if (!metricsAuthorized(request.headers.authorization, config.metricsToken)) {
      return reply.status(401).header('www-authenticate', 'Bearer').send({ error: 'METRICS_TOKEN required' });
    }
    const { contentType, body } = await metrics.exposition();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}

/** Unknown paths are one label value, so scanning the api for URLs cannot grow the series. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions?.url ?? 'unmatched';
}

/**
 * `/metrics` on a port of its own (METRICS_PORT, on METRICS_HOST): for the worker, and for an api whose metrics
 * should stay off its public port. METRICS_TOKEN, when set, is required here too.
 */
export async function startMetricsServer(metrics: MetricsService, config: AppConfig): Promise<Server | undefined> {
  if (!config.metricsPort) return undefined;
  metrics.enableProcessMetrics();
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    if (!metricsAuthorized(request.headers.authorization, config.metricsToken)) {
      response.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    metrics.exposition().then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, config.metricsHost, () => resolve());
  });
  server.unref();
  return server;
}
