import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, Role } from '#core';
import { NotificationService } from '#notifications';
import { createTestApi, errorCode, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';

describe('resilience: the api keeps serving when Redis is down', () => {
  let api: TestApi;
  let staff: TestUser;
  const realRedis = process.env.REDIS_URL;

  beforeAll(async () => {
    // A port nothing listens on: as if Redis had stopped.
    process.env.REDIS_URL = 'redis://127.0.0.1:6399';
    api = await createTestApi();
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
  });
  afterAll(async () => {
    await api.close();
    process.env.REDIS_URL = realRedis;
  });

  it('reports not ready (503) naming Redis, while liveness stays ok', async () => {
    const ready = await api.get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ postgres: { ok: true }, redis: { ok: false } });
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
