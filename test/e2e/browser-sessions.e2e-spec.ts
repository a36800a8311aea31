import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, login, TEST_PASSWORD, type TestUser } from '../support/builders.js';

/** Sessions for browsers: access token in memory, refresh token in an HttpOnly cookie rotated on use. */
describe('browser sessions', () => {
  let api: TestApi;
  let coach: TestUser;
  let admin: TestUser;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    api = await createTestApi();
    coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN], 'admin');
  });
  afterAll(() => api.close());

  const http = () => api.app.getHttpAdapter().getInstance();
  async function signIn(email = coach.email, password = TEST_PASSWORD, headers: Record<string, string> = {}) {
    const response = await http().inject({
      method: 'POST',
      url: '/auth/session',
      headers: { ...json, ...headers },
      payload: JSON.stringify({ email, password }),
    });
    const cookie = response.cookies.find((c) => c.name === 'noden_refresh');
    return {
      response,
      cookie,
      body: response.json<{
        accessToken?: string;
        expiresAt?: string;
        expiresIn?: number;
        error?: Record<string, string>;
      }>(),
    };
  }
  async function refresh(token: string | undefined, headers: Record<string, string> = {}) {
    const response = await http().inject({
      method: 'POST',
      url: '/auth/refresh',
      headers: { ...json, ...headers },
      cookies: token ? { noden_refresh: token } : {},
      payload: '{}',
    });
    return {
      response,
      cookie: response.cookies.find((c) => c.name === 'noden_refresh'),
      body: response.json<{ accessToken?: string; error?: Record<string, string> }>(),
    };
  }
  const me = async (token: string) =>
    (await api.gql<{ me: { email: string } }>('{ me { email } }', {}, { token })).data?.me.email;

  it('signs in with an HttpOnly, SameSite=Strict cookie scoped to /auth and a working access token', async () => {
    const { response, cookie, body } = await signIn();
    expect(response.statusCode).toBe(200);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth', maxAge: 4 * 3600 });
    expect(body).toMatchObject({ expiresIn: 900 });
    expect(cookie!.secure).toBeFalsy(); // localhost; any other host gets Secure
    expect(response.headers['cache-control']).toBe('no-store');
    expect(await me(body.accessToken!)).toBe(coach.email);
  });

  it('marks the cookie Secure outside localhost', async () => {
    const { cookie } = await signIn(coach.email, TEST_PASSWORD, { host: 'noden.example.se' });
    expect(cookie!.secure).toBe(true);
  });

  it('answers a wrong password in the chosen language, naming the field', async () => {
    const { response, body } = await signIn(coach.email, 'fel-lösenord', { 'accept-language': 'en' });
    expect(response.statusCode).toBe(401);
    expect(body.error).toMatchObject({
      code: 'UNAUTHENTICATED',
      field: 'password',
      message: 'Wrong e-mail address or password.',
    });
    expect(response.cookies).toHaveLength(0);
  });

  it('rotates the refresh token on use; presenting a replaced one ends the whole session', async () => {
    const first = await signIn();
    const second = await refresh(first.cookie!.value);
    expect(second.response.statusCode).toBe(200);
    expect(second.cookie!.value).not.toBe(first.cookie!.value);
    expect(await me(second.body.accessToken!)).toBe(coach.email);

    // Past the grace for a lost answer, a replaced token can only be a copy.
    api.clock.advance(31 * 1000);
    const replayed = await refresh(first.cookie!.value);
    expect(replayed.response.statusCode).toBe(401);
    expect(replayed.body.error).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    // The legitimate holder of the newest token is signed out too: the family is revoked.
    expect((await refresh(second.cookie!.value)).response.statusCode).toBe(401);
    const [row] = await api.app
      .get(Db)
      .manager.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'session.reuseDetected' AND entity_id = $1`,
        [coach.id],
      );
    expect(row.n).toBe(1);
  });

  it('forgives a replaced token presented again within seconds (the browser lost the answer): the session goes on', async () => {
    const first = await signIn();
    const lost = await refresh(first.cookie!.value); // the answer never reached the browser (a reload mid-refresh)
    api.clock.advance(5 * 1000);
    const retried = await refresh(first.cookie!.value);
    expect(retried.response.statusCode).toBe(200);
    expect(retried.cookie!.value).not.toBe(lost.cookie!.value);
    expect(await me(retried.body.accessToken!)).toBe(coach.email);
    expect((await refresh(retried.cookie!.value)).response.statusCode).toBe(200);
    const [row] = await api.app
      .get(Db)
      .manager.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'session.reuseDetected' AND entity_id = $1`,
        [coach.id],
      );
    expect(row.n).toBe(1); // only the replay of the test above
  });

  it('lasts a working day of use, and ends after idle hours or twelve hours after sign-in', async () => {
    const start = await signIn();
    let token = start.cookie!.value;
    // Used every hour for eleven hours: still signed in.
    for (let hour = 1; hour <= 11; hour++) {
      api.clock.advance(3600 * 1000);
      const next = await refresh(token);
      expect(next.response.statusCode).toBe(200);
      token = next.cookie!.value;
    }
    api.clock.advance(1.5 * 3600 * 1000);
    expect((await refresh(token)).response.statusCode).toBe(401);

    const idle = await signIn();
    api.clock.advance(4 * 3600 * 1000 + 1000);
    expect((await refresh(idle.cookie!.value)).response.statusCode).toBe(401);
  });

  it('logout revokes the session and clears the cookie', async () => {
    const { cookie } = await signIn();
    const response = await http().inject({
      method: 'POST',
      url: '/auth/logout',
      headers: json,
      cookies: { noden_refresh: cookie!.value },
      payload: '{}',
    });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'noden_refresh')?.value).toBe('');
    expect((await refresh(cookie!.value)).response.statusCode).toBe(401);
  });

  it('a password change ends every session of the user', async () => {
    const user = await createUser(api, '0482', [Role.TECH_COACH], 'changer');
    const { cookie, body } = await signIn(user.email);
    const changed = await api.gql(
      `mutation { changePassword(currentPassword: "${TEST_PASSWORD}", newPassword: "Ett-nytt-långt-lösenord-9") }`,
      {},
      { token: body.accessToken },
    );
    expect(changed.data?.changePassword).toBe(true);
    expect((await refresh(cookie!.value)).response.statusCode).toBe(401);
  });

  it('deactivating a user ends their sessions', async () => {
    const user = await createUser(api, '0482', [Role.TECH_COACH], 'leaver');
    const { cookie } = await signIn(user.email);
    const updated = await api.gql(
      `mutation($id: ID!) { updateUser(input: { id: $id, active: false }) { active } }`,
      { id: user.id },
      { token: await login(api, admin.email) },
    );
    expect(updated.data?.updateUser.active).toBe(false);
    expect((await refresh(cookie!.value)).response.statusCode).toBe(401);
  });

  it('refuses requests another site could forge', async () => {
    const { cookie } = await signIn();
    const form = await http().inject({
      method: 'POST',
      url: '/auth/refresh',
      headers: { 'content-type': 'text/plain' },
      cookies: { noden_refresh: cookie!.value },
      payload: '{}',
    });
    expect(form.statusCode).toBe(403);
    expect((await refresh(cookie!.value, { 'sec-fetch-site': 'cross-site' })).response.statusCode).toBe(403);
    expect((await refresh(cookie!.value, { origin: 'https://evil.example' })).response.statusCode).toBe(403);
    // None of those used up the token.
    expect((await refresh(cookie!.value, { 'sec-fetch-site': 'same-origin' })).response.statusCode).toBe(200);
  });

  it('keeps accepting bearer tokens from the login mutation for other clients', async () => {
    // Earlier tests moved the clock past the first token's lifetime: a fresh one from the mutation.
    expect(await me(await login(api, coach.email))).toBe(coach.email);
  });
});
