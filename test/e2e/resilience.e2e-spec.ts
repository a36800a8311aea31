import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, Role } from '#core';
import { NotificationService } from '#notifications';
import { createTestApi, errorCode, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';

/** Neither case needs a running Redis: the queue store is pointed at a port nothing listens on, as if it had stopped. */
const stoppedQueueStores = [
  { backend: 'redis', variable: 'REDIS_URL', url: 'redis://127.0.0.1:6399', check: 'redis' },
  { backend: 'postgres', variable: 'QUEUE_DATABASE_URL', url: 'postgres://postgres@127.0.0.1:6398/noden', check: 'postgresQueues' },
] as const;

describe.each(stoppedQueueStores)('resilience: the api keeps serving when its queue store ($backend) is down', ({ backend, variable, url, check }) => {
  let api: TestApi;
  let staff: TestUser;
  const original = { QUEUE_BACKEND: process.env.QUEUE_BACKEND, [variable]: process.env[variable] };

  beforeAll(async () => {
    process.env.QUEUE_BACKEND = backend;
    process.env[variable] = url;
    api = await createTestApi();
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
  });
  afterAll(async () => {
    await api.close();
    for (const [name, value] of Object.entries(original)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('reports not ready (503) naming the queue store, while liveness stays ok', async () => {
    const ready = await api.get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.queueBackend).toBe(backend);
    expect(ready.body.checks).toMatchObject({ postgres: { ok: true }, [check]: { ok: false } });
    expect((await api.get('/health')).status).toBe(200);
  });

  it('still logs in, reads and writes; work for the worker stays in Postgres', async () => {
    const me = await api.gql(`{ me { email } }`, {}, { token: staff.token });
    expect(me.data?.me.email).toBe(staff.email);
    const created = await api.gql(`mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { name } }`, { i: { name: `Offline ${Date.now()}` } }, { token: staff.token });
    expect(errorCode(created)).toBeUndefined();

    const db = api.app.get(Db);
    const notifications = api.app.get(NotificationService);
    const ids = await db.transaction((tx) => notifications.notify(tx, { recipientUserIds: [staff.id], kind: 'test.offline', title: 'T', body: 'B', dedupeKey: `offline.${staff.id}` }));
    const started = process.hrtime.bigint();
    await notifications.dispatch(ids);
    // dispatch gives up quickly instead of hanging the request (bounded by the 2 s enqueue timeout).
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5000);
    const [row] = await db.manager.query(`SELECT email_status FROM notifications WHERE id = $1`, [ids[0]]);
    expect(row.email_status).toBe('PENDING');
  });
});
