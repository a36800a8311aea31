import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppConfig, Db, FirstRunService } from '#core';
import { createTestApi, type GqlResponse, type TestApi } from '../support/test-api.js';
import { login } from '../support/builders.js';

const COMPLETE_SETUP = `mutation($token: String!, $email: String!, $name: String!, $password: String!) {
  completeSetup(token: $token, email: $email, displayName: $name, password: $password) { id displayName roles }
}`;
const PASSWORD = 'en-lång-lösenfras-för-noden';

describe('the first admin through the one-time setup link', () => {
  let api: TestApi;
  let usedToken = '';

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  /** What the api prints at start: a link whose fragment is the token. */
  async function printedLink(): Promise<{ link: string; token: string }> {
    const notice = await api.app.get(FirstRunService).firstAdminNotice('http://localhost:3000');
    const link = notice!.setupLink!;
    return { link, token: new URL(link).hash.slice(1) };
  }

  function completeSetup(
    token: string,
    email = 'forsta.admin@noden.se',
    options: { lang?: string; password?: string } = {},
  ): Promise<GqlResponse> {
    return api.gql(
      COMPLETE_SETUP,
      { token, email, name: 'Första Admin', password: options.password ?? PASSWORD },
      { headers: options.lang ? { 'accept-language': options.lang } : {} },
    );
  }

  function refusal(response: GqlResponse) {
    const [error] = response.errors ?? [];
    return {
      code: error?.extensions.code,
      reason: error?.extensions.reason,
      field: error?.extensions.field,
      data: response.data?.completeSetup ?? null,
    };
  }

  async function users(): Promise<number> {
    const [{ count }] = await api.app.get(Db).manager.query(`SELECT count(*)::int AS count FROM users`);
    return count;
  }

  it('prints a link to /setup with a 32-byte token in the fragment, and stores only its hash', async () => {
    expect((await api.gql(`{ setupNeeded }`)).data).toEqual({ setupNeeded: true });
    const { link, token } = await printedLink();
    expect(link).toMatch(/^http:\/\/localhost:3000\/setup#[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const stored = await api.app
      .get(Db)
      .manager.query(`SELECT token_hash, issued_at, expires_at FROM setup_tokens WHERE used_at IS NULL`);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);
    expect(stored[0].expires_at.getTime() - stored[0].issued_at.getTime()).toBe(24 * 3600_000);
  });

  it('refuses a wrong token, a malformed one and a short password, naming the field, in Swedish or English', async () => {
    const { token } = await printedLink();
    const wrong = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect(refusal(await completeSetup(wrong))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'CORE_SETUP_TOKEN_INVALID',
      field: 'token',
      data: null,
    });
    expect((await completeSetup(wrong)).errors?.[0]?.message).toMatch(/^Installationslänken är ogiltig/);
    expect((await completeSetup(wrong, undefined, { lang: 'en' })).errors?.[0]?.message).toMatch(
      /^The setup link is not valid/,
    );
    expect(refusal(await completeSetup('not-a-token'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(refusal(await completeSetup(token, undefined, { password: 'kort' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'password',
    });
    expect(refusal(await completeSetup(token, 'inte en adress'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
    expect(await users()).toBe(0);
  });

  it('refuses an expired token, and a token replaced by a later start', async () => {
    const { token } = await printedLink();
    api.clock.advance(24 * 3600_000 + 1000);
    expect(refusal(await completeSetup(token))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'CORE_SETUP_TOKEN_EXPIRED',
      field: 'token',
      data: null,
    });
    expect((await completeSetup(token, undefined, { lang: 'en' })).errors?.[0]?.message).toBe(
      'The setup link has expired. Restart the api to get a new one.',
    );
    const restarted = await printedLink();
    expect(refusal(await completeSetup(token))).toMatchObject({ reason: 'CORE_SETUP_TOKEN_INVALID' });
    expect(restarted.token).not.toBe(token);
    expect(await users()).toBe(0);
  });

  it('locks out guessing: after too many wrong tokens even the right one waits', async () => {
    const { token } = await printedLink();
    const maxFailures = api.app.get(AppConfig).loginMaxFailures;
    for (let i = 0; i < maxFailures; i++) await completeSetup(`${'x'.repeat(40)}${String(i).padStart(3, '0')}`);
    const locked = await completeSetup(token);
    expect(refusal(locked)).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      reason: 'CORE_SETUP_THROTTLED',
      field: 'token',
    });
    api.clock.advance(api.app.get(AppConfig).loginLockSeconds * 1000 + 1000);
    expect(await users()).toBe(0);
  });

  it('two concurrent calls with the good token create one admin, audited, who signs in as NODE_ADMIN and NODE_STAFF of the node', async () => {
    const { token } = await printedLink();
    usedToken = token;
    const [first, second] = await Promise.all([
      completeSetup(token, 'anna@noden.se'),
      completeSetup(token, 'bertil@noden.se'),
    ]);
    const [created, refused] = first.data?.completeSetup ? [first, second] : [second, first];
    expect(created.errors).toBeUndefined();
    expect(created.data?.completeSetup).toMatchObject({
      displayName: 'Första Admin',
      roles: ['NODE_ADMIN', 'NODE_STAFF'],
    });
    // A fixed cost: the token rows, the lock, the user, its roles, the token, the audit, the answer.
    expect(created.sqlStatements).toBeLessThanOrEqual(14);
    expect(refusal(refused)).toEqual({ code: 'CONFLICT', reason: 'CORE_SETUP_TOKEN_USED', field: 'token', data: null });
    expect(await users()).toBe(1);

    const email = created === first ? 'anna@noden.se' : 'bertil@noden.se';
    const accessToken = await login(api, email, PASSWORD);
    const me = await api.gql(`{ me { email displayName roles organization { kind } } }`, {}, { token: accessToken });
    expect(me.data?.me).toEqual({
      email,
      displayName: 'Första Admin',
      roles: ['NODE_ADMIN', 'NODE_STAFF'],
      organization: { kind: 'NODE' },
    });

    const db = api.app.get(Db).manager;
    const [audit] = await db.query(
      `SELECT action, entity_id, actor_user_id FROM audit_log WHERE action = 'user.created'`,
    );
    expect(audit).toEqual({
      action: 'user.created',
      entity_id: created.data!.completeSetup.id,
      actor_user_id: created.data!.completeSetup.id,
    });
    const [used] = await db.query(`SELECT used_at IS NOT NULL AS used, used_by_user_id FROM setup_tokens`);
    expect(used).toEqual({ used: true, used_by_user_id: created.data!.completeSetup.id });
  });

  it('refuses the used token again, and prints no new link once a user exists', async () => {
    expect(refusal(await completeSetup(usedToken, 'cecilia@noden.se'))).toEqual({
      code: 'CONFLICT',
      reason: 'CORE_SETUP_TOKEN_USED',
      field: 'token',
      data: null,
    });
    expect((await completeSetup(usedToken, 'cecilia@noden.se', { lang: 'en' })).errors?.[0]?.message).toBe(
      'The setup link has already been used.',
    );
    expect(await users()).toBe(1);
    expect(await api.app.get(FirstRunService).firstAdminNotice()).toBeUndefined();
    expect((await api.gql(`{ setupNeeded }`)).data).toEqual({ setupNeeded: false });
    const [{ count }] = await api.app.get(Db).manager.query(`SELECT count(*)::int AS count FROM setup_tokens`);
    expect(count).toBe(1);
  });
});
