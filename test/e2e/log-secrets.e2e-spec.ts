import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, Clock, createLogger, JobQueue, ManualClock, PinoNestLogger, Role } from '#core';
import { SweepNotificationsJob } from '#notifications';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApi, createFastifyAdapter } from '../../apps/api/src/bootstrap.js';
import { createUser, organizationByCode, TEST_PASSWORD } from '../support/builders.js';
import type { TestApi } from '../support/test-api.js';
import { eventually } from '../support/test-worker.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';

const PERSONAL_NUMBER = '19121212-1212';
const NEW_PASSWORD = 'Ett-nytt-losenord-som-ar-hemligt-42';
const METRICS_TOKEN = 'log-test-metrics-token-7d1e';

/**
 * One logger (pino) for the api, the worker and the CLI: JSON lines with the request id or job id, LOG_LEVEL
 * honoured, and no secret in any line. The api runs at debug level while the test signs in (right and wrong
 * passwords), opens and refreshes a browser session, creates a user, changes a password and sends a personal
 * number; a worker process runs jobs at debug level. Every secret of the run is then looked for in every line.
 */
describe('logs', () => {
  const lines: string[] = [];
  let app: NestFastifyApplication;
  let api: Pick<TestApi, 'app' | 'gql'>;
  let worker: WorkerProcess;
  const secrets: string[] = [TEST_PASSWORD, NEW_PASSWORD, PERSONAL_NUMBER, METRICS_TOKEN, process.env.JWT_SECRET!];

  beforeAll(async () => {
    process.env.METRICS_TOKEN = METRICS_TOKEN;
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const pino = createLogger({ level: 'debug', pretty: false, process: 'api', destination: sink });
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
      .overrideProvider(Clock)
      .useValue(new ManualClock(new Date()))
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(AppConfig.fromEnv(), pino), {
      logger: new PinoNestLogger(pino),
    });
    await configureApi(app);
    const fastify = app.getHttpAdapter().getInstance();
    api = {
      app,
      async gql(query, variables, options = {}) {
        const response = await fastify.inject({
          method: 'POST',
          url: '/graphql',
          headers: {
            'content-type': 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          payload: JSON.stringify({ query, variables }),
        });
        const body = response.json();
        return {
          status: response.statusCode,
          data: body.data,
          errors: body.errors,
          headers: response.headers,
          sqlStatements: 0,
        };
      },
    };
    worker = startWorkerProcess({ LOG_LEVEL: 'debug', METRICS_TOKEN, WORKER_HEARTBEAT_SECONDS: '1' });
  });
  afterAll(async () => {
    worker?.child.kill('SIGTERM');
    await worker?.exited;
    await app?.close();
    delete process.env.METRICS_TOKEN;
  });

  it('writes no password, token, secret or personal number in any line of the api or the worker', async () => {
    const fastify = app.getHttpAdapter().getInstance();
    const admin = await createUser(api as TestApi, 'Noden', [Role.NODE_ADMIN], 'log admin');
    secrets.push(admin.token);
    // Wrong and right passwords, through GraphQL and the browser session routes.
    await api.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
      e: admin.email,
      p: `${TEST_PASSWORD}-fel`,
    });
    secrets.push(`${TEST_PASSWORD}-fel`);
    const session = await fastify.inject({
      method: 'POST',
      url: '/auth/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: admin.email, password: TEST_PASSWORD }),
    });
    expect(session.statusCode).toBe(200);
    secrets.push(session.json().accessToken);
    const refreshCookie = String(session.headers['set-cookie']).split(';')[0];
    secrets.push(refreshCookie.split('=')[1]);
    const refreshed = await fastify.inject({
      method: 'POST',
      url: '/auth/refresh',
      headers: { 'content-type': 'application/json', cookie: refreshCookie },
      payload: '{}',
    });
    expect(refreshed.statusCode).toBe(200);
    secrets.push(refreshed.json().accessToken);
    // A personal number where none belongs, and a new user with a password.
    const org = await organizationByCode(api as TestApi, 'Noden');
    const created = await api.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          email: `log-user-${Date.now()}@test.noden.se`,
          displayName: `Person ${PERSONAL_NUMBER}`,
          organizationId: org.id,
          password: NEW_PASSWORD,
          roles: ['VIEWER'],
        },
      },
      { token: admin.token },
    );
    expect(created.errors).toBeUndefined();
    await api.gql(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
      {
        c: TEST_PASSWORD,
        n: 'kort',
      },
      { token: admin.token },
    );
    await fastify.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    await fastify.inject({ method: 'GET', url: '/ready', headers: { authorization: `Bearer ${admin.token}x` } });
    // The worker runs a job at debug level.
    await app.get(JobQueue).enqueue(SweepNotificationsJob, {});
    await eventually(async () => worker.output().includes('"jobId"'), 30_000, 250);

    const all = [...lines, ...worker.output().split('\n').filter(Boolean)];
    expect(all.length).toBeGreaterThan(10);
    const leaks = all.filter((line) => secrets.some((secret) => secret && line.includes(secret)));
    expect(leaks).toEqual([]);
    // Nothing that looks like a JWT either.
    expect(all.filter((line) => /eyJ[A-Za-z0-9_-]{10,}\.eyJ/.test(line))).toEqual([]);
  }, 90_000);

  it('writes JSON lines, each request line with its request id and each job line with its job id', () => {
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = parsed.filter((l) => l.message === 'request');
    expect(requests.length).toBeGreaterThan(3);
    for (const line of requests)
      expect(line).toMatchObject({ level: 'info', process: 'api', requestId: expect.any(String) });
    const workerLines = worker
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(
      workerLines.some((l) => l.process === 'worker' && typeof l.jobId === 'string' && l.queue === 'notifications'),
    ).toBe(true);
  });

  it('honours LOG_LEVEL=warn in the worker: no info or debug line', async () => {
    const quiet = startWorkerProcess({ LOG_LEVEL: 'warn' });
    await new Promise((resolve) => setTimeout(resolve, 6000));
    quiet.child.kill('SIGTERM');
    await quiet.exited;
    const levels = quiet
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { level: string }).level);
    expect(levels.filter((level) => level === 'info' || level === 'debug')).toEqual([]);
  }, 30_000);
});
