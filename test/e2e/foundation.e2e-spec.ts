import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { createTestApi, errorCode, type TestApi } from '../support/test-api.js';
import { createUser, login, TEST_PASSWORD, type TestUser } from '../support/builders.js';

describe('foundation: login, me, organisations, guards, errors', () => {
  let api: TestApi;
  let admin: TestUser;
  let coach: TestUser;

  beforeAll(async () => {
    api = await createTestApi();
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN, Role.NODE_STAFF], 'admin');
    coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
  });
  afterAll(() => api.close());

  it('logs in and answers me with organisation and roles', async () => {
    const response = await api.gql(
      `{ me { email roles organization { code name kind sizeClass } } }`,
      {},
      { token: coach.token },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.me).toEqual({
      email: coach.email,
      roles: ['TECH_COACH'],
      organization: { code: '0482', name: 'Flens kommun', kind: 'MUNICIPALITY', sizeClass: 'MEDIUM' },
    });
  });

  it('answers me in at most one SQL statement (the user read), none once the process knows the user', async () => {
    const me = () =>
      api.gql(
        `{ me { id email displayName roles active organization { id name code kind sizeClass population } } }`,
        {},
        { token: coach.token },
      );
    const response = await me();
    expect(response.errors).toBeUndefined();
    expect(response.data?.me.organization.name).toBe('Flens kommun');
    expect(response.sqlStatements).toBeLessThanOrEqual(1);
    expect((await me()).sqlStatements).toBe(0);
  });

  it("stops a deactivated user's token and a removed role on the very next request, not at token expiry", async () => {
    const person = await createUser(api, '0484', [Role.MUNICIPALITY_COORDINATOR, Role.NODE_STAFF], 'revoked');
    const UPDATE = `mutation($i: UpdateUserInput!) { updateUser(input: $i) { roles active } }`;
    const STAFF_ONLY = `mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { id } }`;
    expect(
      (await api.gql(STAFF_ONLY, { i: { name: `Leverantör ${Date.now()}` } }, { token: person.token })).errors,
    ).toBeUndefined();

    await api.gql(UPDATE, { i: { id: person.id, roles: ['MUNICIPALITY_COORDINATOR'] } }, { token: admin.token });
    expect(
      errorCode(await api.gql(STAFF_ONLY, { i: { name: `Leverantör ${Date.now()}-2` } }, { token: person.token })),
    ).toBe('FORBIDDEN');
    expect((await api.gql(`{ me { roles } }`, {}, { token: person.token })).data?.me.roles).toEqual([
      'MUNICIPALITY_COORDINATOR',
    ]);

    await api.gql(UPDATE, { i: { id: person.id, active: false } }, { token: admin.token });
    const afterDeactivation = await api.gql(`{ me { email } }`, {}, { token: person.token });
    expect(errorCode(afterDeactivation)).toBe('UNAUTHENTICATED');
    expect(afterDeactivation.data?.me).toBeFalsy();

    await api.gql(UPDATE, { i: { id: person.id, active: true } }, { token: admin.token });
    expect((await api.gql(`{ me { email } }`, {}, { token: person.token })).data?.me.email).toBe(person.email);
  });

  it('refuses a token with a forged signature, another algorithm or past its expiry', async () => {
    const [header, payload, signature] = coach.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['NODE_ADMIN'] })).toString('base64url');
    expect(errorCode(await api.gql(`{ me { id } }`, {}, { token: `${header}.${forged}.${signature}` }))).toBe(
      'UNAUTHENTICATED',
    );
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(errorCode(await api.gql(`{ me { id } }`, {}, { token: `${none}.${payload}.` }))).toBe('UNAUTHENTICATED');
    const now = api.clock.now();
    api.clock.set(new Date(claims.exp * 1000));
    try {
      expect(errorCode(await api.gql(`{ me { id } }`, {}, { token: coach.token }))).toBe('UNAUTHENTICATED');
    } finally {
      api.clock.set(now);
    }
  });

  it('lists the seeded Sörmland organisations', async () => {
    const response = await api.gql(`{ organizations { id code name kind } }`, {}, { token: coach.token });
    const organizations = response.data?.organizations as { code: string; kind: string }[];
    expect(organizations.filter((o) => o.kind === 'MUNICIPALITY')).toHaveLength(9);
    expect(organizations.filter((o) => o.kind === 'REGION').map((o) => o.code)).toEqual(['04']);
    expect(organizations.filter((o) => o.kind === 'NODE')).toHaveLength(1);
    expect(organizations.filter((o) => o.kind === 'PARTNER')).toHaveLength(3);
  });

  it('refuses anonymous calls with UNAUTHENTICATED and a bad token likewise', async () => {
    expect(errorCode(await api.gql(`{ me { id } }`))).toBe('UNAUTHENTICATED');
    const bad = await api.gql(`{ me { id } }`, {}, { token: 'not-a-token' });
    expect(errorCode(bad)).toBe('UNAUTHENTICATED');
    expect(bad.errors?.[0]?.message).toMatch(/Logga in igen/);
  });

  it('refuses a role that may not act with FORBIDDEN', async () => {
    const response = await api.gql(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
      {
        i: {
          email: 'x@test.noden.se',
          password: 'a-long-password-1',
          displayName: 'X',
          organizationId: coach.organizationId,
          roles: ['VIEWER'],
        },
      },
      { token: coach.token },
    );
    expect(errorCode(response)).toBe('FORBIDDEN');
  });

  it('lets an admin create a user who can then log in; the change is audited', async () => {
    const email = `new-${Date.now()}@test.noden.se`;
    const response = await api.gql(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id email roles organization { code } } }`,
      {
        i: {
          email,
          password: 'a-long-password-1',
          displayName: 'Ny Användare',
          organizationId: coach.organizationId,
          roles: ['VIEWER', 'TECH_COACH'],
        },
      },
      { token: admin.token },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.createUser).toMatchObject({
      email,
      roles: ['TECH_COACH', 'VIEWER'],
      organization: { code: '0482' },
    });
    expect(await login(api, email, 'a-long-password-1')).toEqual(expect.any(String));
    const [audit] = await api.app
      .get((await import('#core')).Db)
      .manager.query(
        `SELECT actor_user_id, action, after FROM audit_log WHERE entity_id = $1 AND action = 'user.created'`,
        [response.data?.createUser.id],
      );
    expect(audit).toMatchObject({ actor_user_id: admin.id, action: 'user.created' });
    expect(JSON.stringify(audit.after)).not.toMatch(/password/i);
  });

  it('gives BAD_USER_INPUT naming the field, in Swedish by default and English on request, never a 500', async () => {
    const vars = {
      i: {
        email: 'not-an-email',
        password: 'a-long-password-1',
        displayName: 'X',
        organizationId: coach.organizationId,
        roles: ['VIEWER'],
      },
    };
    const sv = await api.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, vars, {
      token: admin.token,
    });
    expect(errorCode(sv)).toBe('BAD_USER_INPUT');
    expect(sv.errors?.[0]?.extensions.field).toBe('input.email');
    expect(sv.errors?.[0]?.message).toMatch(/e-postadress/);
    const en = await api.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, vars, {
      token: admin.token,
      headers: { 'accept-language': 'en' },
    });
    expect(en.errors?.[0]?.message).toMatch(/email/);

    const nul = await api.gql(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
      { i: { ...vars.i, email: 'a@b.se', displayName: 'A\u0000B' } },
      { token: admin.token },
    );
    expect(errorCode(nul)).toBe('BAD_USER_INPUT');
    expect(nul.errors?.[0]?.extensions.field).toBe('input.displayName');

    const badId = await api.gql(
      `query($id: ID!) { organization(id: $id) { name } }`,
      { id: "1' OR 1=1" },
      { token: coach.token },
    );
    expect(errorCode(badId)).toBe('BAD_USER_INPUT');
    const unknown = await api.gql(
      `query($id: ID!) { organization(id: $id) { name } }`,
      { id: '00000000-0000-4000-8000-000000000000' },
      { token: coach.token },
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    for (const r of [sv, en, nul, badId, unknown])
      expect(JSON.stringify(r.errors)).not.toMatch(/stack|SELECT|at .*\.ts/);
  });

  it('lets an admin change roles and deactivate a user (who can then not log in), but not lock themself out', async () => {
    const person = await createUser(api, '0484', [Role.VIEWER], 'leaver');
    const UPDATE = `mutation($i: UpdateUserInput!) { updateUser(input: $i) { roles active displayName } }`;
    const promoted = await api.gql(
      UPDATE,
      { i: { id: person.id, roles: ['MUNICIPALITY_COORDINATOR', 'VIEWER'], displayName: 'Ny roll' } },
      { token: admin.token },
    );
    expect(promoted.data?.updateUser).toEqual({
      roles: ['MUNICIPALITY_COORDINATOR', 'VIEWER'],
      active: true,
      displayName: 'Ny roll',
    });
    expect(
      (await api.gql(UPDATE, { i: { id: person.id, active: false } }, { token: admin.token })).data?.updateUser.active,
    ).toBe(false);
    const refused = await api.gql(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: person.email, p: TEST_PASSWORD },
    );
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    const self = await api.gql(UPDATE, { i: { id: admin.id, active: false } }, { token: admin.token });
    expect([errorCode(self), self.errors?.[0]?.extensions.field]).toEqual(['CONFLICT', 'input.active']);
    expect(errorCode(await api.gql(UPDATE, { i: { id: person.id, active: true } }, { token: coach.token }))).toBe(
      'FORBIDDEN',
    );
  });

  it('lets a user change their own password, proving the current one', async () => {
    const person = await createUser(api, '0480', [Role.VIEWER], 'changer');
    const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
    const wrong = await api.gql(CHANGE, { c: 'not-my-password', n: 'a-brand-new-passphrase' }, { token: person.token });
    expect([errorCode(wrong), wrong.errors?.[0]?.extensions.field]).toEqual(['UNAUTHENTICATED', 'currentPassword']);
    const short = await api.gql(CHANGE, { c: TEST_PASSWORD, n: 'short' }, { token: person.token });
    expect([errorCode(short), short.errors?.[0]?.extensions.field]).toEqual(['BAD_USER_INPUT', 'newPassword']);
    expect(
      (await api.gql(CHANGE, { c: TEST_PASSWORD, n: 'a-brand-new-passphrase' }, { token: person.token })).data
        ?.changePassword,
    ).toBe(true);
    expect(await login(api, person.email, 'a-brand-new-passphrase')).toEqual(expect.any(String));
  });

  it('refuses a duplicate e-mail with CONFLICT', async () => {
    const response = await api.gql(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
      {
        i: {
          email: coach.email.toUpperCase(),
          password: 'a-long-password-1',
          displayName: 'Dubblett',
          organizationId: coach.organizationId,
          roles: ['VIEWER'],
        },
      },
      { token: admin.token },
    );
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0]?.extensions.field).toBe('input.email');
  });

  it('limits query depth and complexity', async () => {
    let nested = 'id';
    for (let i = 0; i < 14; i++) nested = `organization { ${nested} }`;
    const tooDeep = await api.gql(`{ me { ${nested} } }`, {}, { token: coach.token });
    expect(tooDeep.errors?.map((e) => e.extensions.reason)).toContain('CORE_QUERY_TOO_DEEP');
    expect(tooDeep.data ?? null).toBeNull();

    const wide = await api.gql(
      `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: me { id email }`).join(' ')} }`,
      {},
      { token: coach.token },
    );
    expect(errorCode(wide)).toBe('BAD_USER_INPUT');
    expect(wide.errors?.[0]?.extensions.reason).toBe('CORE_QUERY_TOO_COMPLEX');
  });

  it('throttles repeated failed logins', async () => {
    const mutation = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`;
    for (let i = 0; i < 5; i++) {
      const attempt = await api.gql(mutation, { e: coach.email, p: 'wrong-password' });
      expect(errorCode(attempt)).toBe('UNAUTHENTICATED');
    }
    const throttled = await api.gql(mutation, { e: coach.email, p: TEST_PASSWORD });
    expect(errorCode(throttled)).toBe('TOO_MANY_REQUESTS');
    api.clock.advance(16 * 60_000);
    expect(errorCode(await api.gql(mutation, { e: coach.email, p: TEST_PASSWORD }))).toBeUndefined();
  });

  it('answers an oversized or unreadable body with a clear error, not a 500', async () => {
    const fastify = api.app.getHttpAdapter().getInstance();
    const big = await fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: '{ me { id } }', x: 'a'.repeat(2_000_000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CORE_REQUEST_TOO_LARGE' });
    const broken = await fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: '{"query": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CORE_INVALID_REQUEST' });
  });

  it('answers /health and /ready with Postgres, queue store and worker checks', async () => {
    expect((await api.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await api.get('/ready');
    // No worker runs in this file: not ready, and the body says why (readiness.e2e-spec covers the rest).
    expect(ready.status).toBe(503);
    const backend = process.env.QUEUE_BACKEND;
    expect(ready.body.queueBackend).toBe(backend);
    expect(ready.body).toMatchObject({
      failing: ['worker'],
      checks: {
        postgres: { ok: true },
        [backend === 'redis' ? 'redis' : 'postgresQueues']: { ok: true },
        worker: { ok: false, error: 'none' },
      },
    });
    expect(ready.headers['x-request-id']).toEqual(expect.any(String));
  });
});
