import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, ManualClock, QueueName, Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';

/** Bull Board at /drift/koer: node admins only (through a cookie for that path), retry and clean audited. */
describe('the queue view at /drift/koer', () => {
  let api: TestApi;
  let admin: TestUser;
  let staff: TestUser;
  let adminCookie: string;

  const request = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string> = {}, body?: string) =>
    api.app.getHttpAdapter().getInstance().inject({ method, url, headers, payload: body });
  const openSession = (token: string, headers: Record<string, string> = {}) =>
    request(
      'POST',
      '/drift/koer/session',
      { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      '{}',
    );

  beforeAll(async () => {
    api = await createTestApi(new ManualClock(new Date()));
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN, Role.NODE_STAFF], 'board admin');
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'board staff');
  });
  afterAll(() => api?.close());

  it('is not reachable without a node-admin session: 401 for anyone signed out, 403 for node staff', async () => {
    const page = await request('GET', '/drift/koer', { accept: 'text/html' });
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain('nodadministratör');
    expect((await request('GET', '/drift/koer/api/queues')).statusCode).toBe(401);
    // A bearer header is not the board's session: only its cookie opens it.
    expect(
      (await request('GET', '/drift/koer/api/queues', { authorization: `Bearer ${admin.token}` })).statusCode,
    ).toBe(401);
    expect((await openSession(staff.token)).statusCode).toBe(403);
    expect((await request('GET', '/drift/koer', { cookie: `noden_drift=${staff.token}` })).statusCode).toBe(403);
    expect((await request('GET', '/drift/koer', { cookie: 'noden_drift=not-a-token' })).statusCode).toBe(401);
  });

  it('opens for a node admin: an HttpOnly, SameSite=Strict cookie for /drift/koer, then the board and its api', async () => {
    expect((await openSession(admin.token, { origin: 'https://evil.example' })).statusCode).toBe(403);
    const opened = await openSession(admin.token);
    expect(opened.statusCode).toBe(204);
    const setCookie = String(opened.headers['set-cookie']);
    expect(setCookie).toMatch(/^noden_drift=/);
    expect(setCookie).toMatch(/Path=\/drift\/koer/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    adminCookie = setCookie.split(';')[0]!;

    const page = await request('GET', '/drift/koer', { cookie: adminCookie, accept: 'text/html' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<base href="/drift/koer/" />');
    // The board's page asks for Google's fonts: the policy keeps the browser from fetching them (privacy).
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const queues = await request('GET', '/drift/koer/api/queues?activeQueue=followup&status=latest&page=1', {
      cookie: adminCookie,
    });
    expect(queues.statusCode).toBe(200);
    expect(
      queues
        .json()
        .queues.map((q: { name: string }) => q.name)
        .sort(),
    ).toEqual(Object.values(QueueName).sort());
  });

  it('allows retry and clean, each recorded in the audit log with the admin, and refuses every other change', async () => {
    const retried = await request('PUT', '/drift/koer/api/queues/notifications/retry/failed', { cookie: adminCookie });
    expect(retried.statusCode).toBe(200);
    const cleaned = await request('PUT', '/drift/koer/api/queues/notifications/clean/completed', {
      cookie: adminCookie,
    });
    expect(cleaned.statusCode).toBe(200);
    expect((await request('PUT', '/drift/koer/api/queues/system/empty', { cookie: adminCookie })).statusCode).toBe(403);
    expect((await request('PUT', '/drift/koer/api/queues/system/obliterate', { cookie: adminCookie })).statusCode).toBe(
      403,
    );
    expect(
      (
        await request('PUT', '/drift/koer/api/queues/notifications/clean/completed', {
          cookie: adminCookie,
          origin: 'https://evil.example',
        })
      ).statusCode,
    ).toBe(403);

    const rows = await api.app
      .get(Db)
      .manager.query(
        `SELECT action, entity_type, actor_user_id, after FROM audit_log WHERE entity_type = 'queue' ORDER BY occurred_at, id`,
      );
    expect(rows).toEqual([
      {
        action: 'queue.jobsRetried',
        entity_type: 'queue',
        actor_user_id: admin.id,
        after: { queue: 'notifications', status: 'failed' },
      },
      {
        action: 'queue.jobsCleaned',
        entity_type: 'queue',
        actor_user_id: admin.id,
        after: { queue: 'notifications', status: 'completed' },
      },
    ]);
  });

  it('closes at once for an admin who loses the role', async () => {
    await api.app
      .get(Db)
      .manager.query(`DELETE FROM user_roles WHERE user_id = $1 AND role = 'NODE_ADMIN'`, [admin.id]);
    expect((await request('GET', '/drift/koer/api/queues', { cookie: adminCookie })).statusCode).toBe(403);
  });
});
