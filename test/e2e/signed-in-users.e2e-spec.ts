import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { createUser, TEST_PASSWORD, type TestUser } from '../support/builders.js';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';
import { createTestApi, type TestApi } from '../support/test-api.js';

async function loginTo(api: ApiProcess, email: string): Promise<string> {
  const response = await api.gql(
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
    {
      e: email,
      p: TEST_PASSWORD,
    },
  );
  return response.data.login.accessToken;
}

const UPDATE = `mutation($i: UpdateUserInput!) { updateUser(input: $i) { roles active } }`;
const STAFF_ONLY = `mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { id } }`;

/**
 * Each api process keeps the users it has read; a change made through another process reaches it through
 * Postgres NOTIFY before the next request: a removed role or a deactivation acts at once on every replica.
 */
describe('the signed-in user, cached per api process', () => {
  let api: TestApi;
  let other: ApiProcess;
  let admin: TestUser;

  beforeAll(async () => {
    api = await createTestApi();
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN, Role.NODE_STAFF], 'admin');
    other = await startApiProcess();
  }, 120_000);
  afterAll(async () => {
    await other?.stop();
    await api.close();
  });

  it('costs no statement once known, and forgets a changed user in the other process on its next request', async () => {
    const person = await createUser(api, '0484', [Role.MUNICIPALITY_COORDINATOR, Role.NODE_STAFF], 'replica');
    // The other process runs on the real clock (this file's api on a manual one): its own token.
    const token = await loginTo(other, person.email);
    const me = () => other.gql(`{ me { email roles } }`, {}, token);
    let known = await me();
    for (let i = 0; i < 20 && known.sqlStatements !== 0; i++) known = await me();
    expect(known.data?.me.roles).toEqual(['MUNICIPALITY_COORDINATOR', 'NODE_STAFF']);
    expect(known.sqlStatements).toBe(0);
    expect((await other.gql(STAFF_ONLY, { i: { name: `Replik ${Date.now()}` } }, token)).errors).toBeUndefined();

    await api.gql(UPDATE, { i: { id: person.id, roles: ['MUNICIPALITY_COORDINATOR'] } }, { token: admin.token });
    const refused = await other.gql(STAFF_ONLY, { i: { name: `Replik ${Date.now()}-2` } }, token);
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await me()).data?.me.roles).toEqual(['MUNICIPALITY_COORDINATOR']);

    await api.gql(UPDATE, { i: { id: person.id, active: false } }, { token: admin.token });
    const deactivated = await me();
    expect(deactivated.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(deactivated.data?.me).toBeFalsy();

    await api.gql(UPDATE, { i: { id: person.id, active: true } }, { token: admin.token });
    expect((await me()).data?.me.email).toBe(person.email);
  });

  it('forgets everyone when an organisation changes (its name, say)', async () => {
    const person = await createUser(api, '0486', [Role.TECH_COACH], 'orgchange');
    const token = await loginTo(other, person.email);
    const me = () => other.gql(`{ me { organization { name } } }`, {}, token);
    const before = (await me()).data?.me.organization.name as string;
    // The notice of this user's creation may reach the other process after its first request: ask until cached.
    let known = await me();
    for (let i = 0; i < 20 && known.sqlStatements !== 0; i++) known = await me();
    expect(known.sqlStatements).toBe(0);
    const db = api.app.get((await import('#core')).Db);
    try {
      await db.manager.query(`UPDATE organizations SET name = name || ' (ny)' WHERE code = '0486'`);
      expect((await me()).data?.me.organization.name).toBe(`${before} (ny)`);
    } finally {
      await db.manager.query(`UPDATE organizations SET name = $1 WHERE code = '0486'`, [before]);
    }
  });
});
