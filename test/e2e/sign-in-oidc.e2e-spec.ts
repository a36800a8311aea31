import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Db, ManualClock, Role } from '#core';
import { createTestApi, errorCode, type TestApi } from '../support/test-api.js';
import { createUser, organizationByCode, TEST_PASSWORD, type TestUser } from '../support/builders.js';
import { type OidcTestProvider, startOidcTestProvider } from '../support/oidc-test-provider.js';
import { UserAgent } from '../support/user-agent.js';

jest.setTimeout(60_000);

const CREATE = `mutation($input: CreateIdentityProviderInput!) { createIdentityProvider(input: $input) { id kind displayName clientSecretRef } }`;
const TENANT = '11111111-2222-3333-4444-555555555555';
const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';

/** Sign-in through a municipality's OpenID Connect provider (issue 20), against a real oidc-provider on 127.0.0.1. */
describe('sign in with the organisation’s own OIDC provider', () => {
  let api: TestApi;
  let idp: OidcTestProvider;
  let base: string;
  let admin: TestUser;
  let providerId: string;
  let entraId: string;
  let orgId: string;
  let db: Db;

  beforeAll(async () => {
    api = await createTestApi(new ManualClock(new Date().toISOString()));
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    db = api.app.get(Db);
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN], 'admin');
    orgId = (await organizationByCode(api, '0482')).id;
    idp = await startOidcTestProvider();
    const created = await api.gql(
      CREATE,
      {
        input: {
          organizationId: orgId,
          kind: 'OIDC',
          displayName: 'Flens kommun',
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecretRef: `env:${idp.secretEnv}`,
          claimMapping: { groups: 'groups' },
          roleMapping: [{ group: 'noden-coaches', role: 'TECH_COACH' }],
        },
      },
      { token: admin.token },
    );
    providerId = created.data!.createIdentityProvider.id;
    const entra = await api.gql(
      CREATE,
      {
        input: {
          organizationId: orgId,
          kind: 'OIDC',
          displayName: 'Flen (Entra ID)',
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecretRef: `env:${idp.secretEnv}`,
          subjectClaim: 'oid',
          allowedTenantIds: [TENANT],
        },
      },
      { token: admin.token },
    );
    entraId = entra.data!.createIdentityProvider.id;
    idp.serve(
      [providerId, entraId].map((id) => `${base}/auth/sso/${id}/callback`),
      [`${base}/logga-in?utloggad=1`],
    );
  });
  afterAll(async () => {
    await idp?.close();
    await api?.close();
  });

  /** Starts at Noden, signs in at the provider's own form, and answers where Noden sent the browser. */
  async function signIn(
    agent: UserAgent,
    account: string,
    options: { provider?: string; alterAuthorization?: (url: URL) => void; beforeCallback?: () => void } = {},
  ): Promise<{ landing: URL; callback: URL }> {
    const toProvider = await agent.follow(
      `${base}/auth/sso/${options.provider ?? providerId}/start?till=/behov`,
      (next) => next.href.startsWith(idp.issuer),
    );
    const authorize = toProvider.url;
    options.alterAuthorization?.(authorize);
    const form = await agent.follow(authorize.href);
    expect(form.response.status).toBe(200);
    const interaction = form.url.href;
    const submitted = await agent.request(interaction, { form: { prompt: 'login', login: account, password: 'x' } });
    const back = await agent.follow(new URL(submitted.headers.get('location')!, interaction).href, (next) =>
      next.href.startsWith(base),
    );
    options.beforeCallback?.();
    const callback = back.url;
    const landed = await agent.request(callback.href);
    return { callback, landing: new URL(landed.headers.get('location')!, base) };
  }

  async function sessionOf(agent: UserAgent) {
    const response = await agent.request(`${base}/auth/refresh`, { json: {} });
    const { accessToken } = (await response.json()) as { accessToken: string };
    const me = await api.gql<{
      me: { id: string; roles: string[]; email: string; hasPassword: boolean; identities: { subject: string }[] };
    }>(`{ me { id roles email hasPassword identities { subject issuer email } } }`, {}, { token: accessToken });
    return { accessToken, me: me.data!.me };
  }

  async function lastRefusal(code: string) {
    const [row] = await db.manager.query(
      `SELECT after FROM audit_log WHERE action = 'sso.refused' AND after->>'supportCode' = $1`,
      [code],
    );
    return row?.after as { reason: string; refusal: string } | undefined;
  }

  it('lists the provider publicly for the sign-in page, with no configuration', async () => {
    const list = await api.gql(`{ identityProviders { id displayName organizationName kind localPasswordsAllowed } }`);
    expect(list.data!.identityProviders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: providerId,
          displayName: 'Flens kommun',
          kind: 'OIDC',
          localPasswordsAllowed: true,
        }),
      ]),
    );
    const settings = await api.gql(`{ identityProviderSettings { id } }`);
    expect(errorCode(settings)).toBe('UNAUTHENTICATED');
  });

  it('refuses a client secret written in clear instead of where it is kept', async () => {
    const response = await api.gql(
      CREATE,
      {
        input: {
          organizationId: orgId,
          kind: 'OIDC',
          displayName: 'Läcka',
          issuer: idp.issuer,
          clientId: 'x',
          clientSecretRef: 'hunter2-the-secret',
        },
      },
      { token: admin.token },
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });

  it('a new person lands waiting for access, the admins are told, and a granted role shows on the next request', async () => {
    idp.accounts.set('anna-sub', { sub: 'anna-sub', email: 'anna.ny@flen.se', name: 'Anna Ny' });
    const agent = new UserAgent();
    const started = performance.now();
    const { landing } = await signIn(agent, 'anna-sub');
    const firstSignInMs = performance.now() - started;
    process.stderr.write(
      `first sign-in through OIDC (start → provider form → callback → session): ${firstSignInMs.toFixed(0)} ms\n`,
    );
    expect(landing.pathname).toBe('/behov');
    expect(agent.cookies.has('noden_refresh')).toBe(true);
    const { accessToken, me } = await sessionOf(agent);
    expect(me.roles).toEqual([]);
    expect(me.email).toBe('anna.ny@flen.se');
    expect(me.hasPassword).toBe(false);
    expect(me.identities).toEqual([expect.objectContaining({ subject: 'anna-sub', issuer: idp.issuer })]);

    const notes = await api.gql(
      `{ myNotifications { edges { node { kind title entityId } } } }`,
      {},
      { token: admin.token },
    );
    expect(JSON.stringify(notes.data ?? notes.errors)).toContain(me.id);

    await api.gql(
      `mutation($input: UpdateUserInput!) { updateUser(input: $input) { id roles } }`,
      { input: { id: me.id, roles: ['VIEWER'] } },
      { token: admin.token },
    );
    const again = await api.gql(`{ me { roles } }`, {}, { token: accessToken });
    expect(again.data!.me.roles).toEqual(['VIEWER']);
  });

  it('the same person coming back is the same user, even with a new e-mail at the provider', async () => {
    const first = await sessionOf(
      await (async () => {
        const agent = new UserAgent();
        await signIn(agent, 'anna-sub');
        return agent;
      })(),
    );
    idp.accounts.set('anna-sub', { sub: 'anna-sub', email: 'anna.gift@flen.se', name: 'Anna Gift' });
    const agent = new UserAgent();
    await signIn(agent, 'anna-sub');
    const second = await sessionOf(agent);
    expect(second.me.id).toBe(first.me.id);
    const [{ n }] = await db.manager.query(`SELECT count(*)::int AS n FROM user_identities WHERE subject = 'anna-sub'`);
    expect(n).toBe(1);
    const [{ users }] = await db.manager.query(
      `SELECT count(*)::int AS users FROM users WHERE email IN ('anna.ny@flen.se', 'anna.gift@flen.se')`,
    );
    expect(users).toBe(1);
  });

  it('an invited person lands with the roles decided in advance; the invitation binds once only', async () => {
    const invited = await api.gql(
      `mutation($input: InviteUserInput!) { inviteUser(input: $input) { id roles invitationPending } }`,
      {
        input: {
          email: 'Bo.Bjuden@flen.se',
          displayName: 'Bo Bjuden',
          organizationId: orgId,
          roles: ['MUNICIPALITY_COORDINATOR'],
        },
      },
      { token: admin.token },
    );
    expect(invited.data!.inviteUser).toMatchObject({ roles: ['MUNICIPALITY_COORDINATOR'], invitationPending: true });
    idp.accounts.set('bo-sub', { sub: 'bo-sub', email: 'bo.bjuden@flen.se', name: 'Bo B' });
    const agent = new UserAgent();
    await signIn(agent, 'bo-sub');
    const { me, accessToken } = await sessionOf(agent);
    expect(me.id).toBe(invited.data!.inviteUser.id);
    expect(me.roles).toEqual(['MUNICIPALITY_COORDINATOR']);
    // The invitation reached the person as a notification, which is what is e-mailed (where SMTP is set up).
    const notes = await api.gql<{ myNotifications: { nodes: { kind: string; title: string; body: string }[] } }>(
      `{ myNotifications { nodes { kind title body } } }`,
      {},
      { token: accessToken },
    );
    const invitation = notes.data!.myNotifications.nodes.find((n) => n.kind === 'user.invited');
    expect(invitation?.title).toBe('Du är inbjuden till Noden');
    expect(invitation?.body).toContain('Logga in med ditt arbetskonto');
    expect(invitation?.body).toMatch(/Inbjudan gäller till och med \d{4}-\d{2}-\d{2}\./);

    idp.accounts.set('other-sub', { sub: 'other-sub', email: 'bo.bjuden@flen.se', name: 'Not Bo' });
    const { landing } = await signIn(new UserAgent(), 'other-sub');
    expect(landing.pathname).toBe('/logga-in');
    expect(landing.searchParams.get('sso')).toBe('EMAIL_TAKEN');
  });

  it('an existing password account is linked only once an admin invites it, never by e-mail alone', async () => {
    const local = await createUser(api, '0482', [Role.TECH_COACH], 'lokal-coach');
    idp.accounts.set('local-sub', { sub: 'local-sub', email: local.email, name: 'Lokal Coach' });
    const refused = await signIn(new UserAgent(), 'local-sub');
    expect(refused.landing.searchParams.get('sso')).toBe('EMAIL_TAKEN');
    const invited = await api.gql(
      `mutation($input: InviteUserInput!) { inviteUser(input: $input) { id roles } }`,
      { input: { email: local.email, displayName: 'Lokal Coach', organizationId: orgId, roles: ['TECH_COACH'] } },
      { token: admin.token },
    );
    expect(invited.data!.inviteUser.id).toBe(local.id);
    const agent = new UserAgent();
    await signIn(agent, 'local-sub');
    const { me } = await sessionOf(agent);
    expect(me.id).toBe(local.id);
    expect(me.roles).toEqual(['TECH_COACH']);
  });

  it('maps the provider’s groups to roles where configured', async () => {
    idp.accounts.set('cia-sub', { sub: 'cia-sub', email: 'cia@flen.se', name: 'Cia Coach', groups: ['noden-coaches'] });
    const agent = new UserAgent();
    await signIn(agent, 'cia-sub');
    expect((await sessionOf(agent)).me.roles).toEqual(['TECH_COACH']);
  });

  it('Entra ID: keys on tenant and object id, and refuses a tenant that is not configured', async () => {
    idp.accounts.set('pairwise-1', {
      sub: 'pairwise-1',
      email: 'dan@flen.se',
      name: 'Dan',
      tid: TENANT,
      oid: 'oid-dan',
    });
    const agent = new UserAgent();
    const ok = await signIn(agent, 'pairwise-1', { provider: entraId });
    expect(ok.landing.pathname).toBe('/behov');
    expect((await sessionOf(agent)).me.identities[0].subject).toBe('oid-dan');

    idp.accounts.set('eve-sub', {
      sub: 'eve-sub',
      email: 'eve@other.se',
      name: 'Eve',
      tid: OTHER_TENANT,
      oid: 'oid-eve',
    });
    const refused = await signIn(new UserAgent(), 'eve-sub', { provider: entraId });
    expect(refused.landing.pathname).toBe('/logga-in');
    expect(refused.landing.searchParams.get('sso')).toBe('NOT_CONFIRMED');
    const audit = await lastRefusal(refused.landing.searchParams.get('kod')!);
    expect(audit?.reason).toContain(`tenant ${OTHER_TENANT} is not allowed`);
  });

  it.each([
    ['an unconfigured issuer', (c: Record<string, unknown>) => ({ ...c, iss: 'https://evil.example.com' }), /iss/i],
    ['a wrong audience', (c: Record<string, unknown>) => ({ ...c, aud: 'someone-else' }), /aud/i],
    ['a wrong nonce (re-signed)', (c: Record<string, unknown>) => ({ ...c, nonce: 'not-the-nonce' }), /nonce/i],
  ])('refuses an ID token with %s, telling the person plainly and logging why', async (_name, change, reason) => {
    idp.accounts.set('fia-sub', { sub: 'fia-sub', email: 'fia@flen.se', name: 'Fia' });
    idp.tamperNext(change);
    const { landing } = await signIn(new UserAgent(), 'fia-sub');
    expect(landing.pathname).toBe('/logga-in');
    expect(landing.searchParams.get('sso')).toBe('NOT_CONFIRMED');
    expect(landing.searchParams.get('kod')).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect((await lastRefusal(landing.searchParams.get('kod')!))?.reason).toMatch(reason);
  });

  it('refuses a wrong nonce sent through the provider', async () => {
    idp.accounts.set('gus-sub', { sub: 'gus-sub', email: 'gus@flen.se', name: 'Gus' });
    const { landing } = await signIn(new UserAgent(), 'gus-sub', {
      alterAuthorization: (url) => url.searchParams.set('nonce', 'forged-nonce'),
    });
    expect(landing.searchParams.get('sso')).toBe('NOT_CONFIRMED');
    expect((await lastRefusal(landing.searchParams.get('kod')!))?.reason).toMatch(/nonce/i);
  });

  it('refuses a replayed state, and a callback from another browser', async () => {
    idp.accounts.set('hal-sub', { sub: 'hal-sub', email: 'hal@flen.se', name: 'Hal' });
    const agent = new UserAgent();
    const { callback, landing } = await signIn(agent, 'hal-sub');
    expect(landing.pathname).toBe('/behov');
    const replay = await agent.request(callback.href);
    const replayed = new URL(replay.headers.get('location')!, base);
    expect(replayed.searchParams.get('sso')).toBe('FLOW_INVALID');
    expect((await lastRefusal(replayed.searchParams.get('kod')!))?.reason).toMatch(/already used/);

    const victim = new UserAgent();
    const { landing: foreign } = await signIn(victim, 'hal-sub', {
      beforeCallback: () => victim.cookies.delete('noden_sso_flow'),
    });
    expect(foreign.searchParams.get('sso')).toBe('FLOW_INVALID');
    expect((await lastRefusal(foreign.searchParams.get('kod')!))?.reason).toMatch(/another browser/);
  });

  it('refuses an expired ID token (Noden’s clock past its expiry and the bounded skew)', async () => {
    idp.accounts.set('ida-sub', { sub: 'ida-sub', email: 'ida@flen.se', name: 'Ida' });
    const { landing } = await signIn(new UserAgent(), 'ida-sub', {
      beforeCallback: () => api.clock.advance(7 * 60_000),
    });
    api.clock.set(new Date());
    expect(landing.searchParams.get('sso')).toBe('NOT_CONFIRMED');
    expect((await lastRefusal(landing.searchParams.get('kod')!))?.reason).toMatch(/exp/);
  });

  it('refuses an unknown or disabled provider', async () => {
    const agent = new UserAgent();
    const response = await agent.request(`${base}/auth/sso/00000000-0000-0000-0000-000000000000/start`);
    expect(new URL(response.headers.get('location')!, base).searchParams.get('sso')).toBe('PROVIDER_UNKNOWN');
  });

  it('ends the Noden session on logout and sends the browser to the provider’s own logout', async () => {
    const agent = new UserAgent();
    await signIn(agent, 'anna-sub');
    const out = await agent.request(`${base}/auth/logout`, { json: {} });
    expect(out.status).toBe(204);
    const refresh = await agent.request(`${base}/auth/refresh`, { json: {} });
    expect(refresh.status).toBe(401);
    const slo = await agent.request(`${base}/auth/sso/logout`);
    expect(slo.headers.get('location')).toContain(`${idp.issuer}/session/end`);
  });

  it('updates and disables a provider, each change audited; a disabled provider signs nobody in', async () => {
    const updated = await api.gql(
      `mutation($input: UpdateIdentityProviderInput!) { updateIdentityProvider(input: $input) { id displayName allowedTenantIds subjectClaim } }`,
      { input: { id: entraId, displayName: 'Flen Entra', allowedTenantIds: [TENANT, OTHER_TENANT] } },
      { token: admin.token },
    );
    expect(updated.data!.updateIdentityProvider).toEqual({
      id: entraId,
      displayName: 'Flen Entra',
      allowedTenantIds: [TENANT, OTHER_TENANT],
      subjectClaim: 'oid',
    });
    const check = await api.gql(
      `mutation($id: ID!) { testIdentityProvider(id: $id) { ok problems issuerOrEntityId } }`,
      { id: entraId },
      { token: admin.token },
    );
    expect(check.data!.testIdentityProvider).toEqual({ ok: true, problems: [], issuerOrEntityId: idp.issuer });
    const coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
    const forbidden = await api.gql(
      `mutation($id: ID!) { disableIdentityProvider(id: $id) { id } }`,
      { id: entraId },
      { token: coach.token },
    );
    expect(errorCode(forbidden)).toBe('FORBIDDEN');
    const disabled = await api.gql(
      `mutation($id: ID!) { disableIdentityProvider(id: $id) { id enabled } }`,
      { id: entraId },
      { token: admin.token },
    );
    expect(disabled.data!.disableIdentityProvider.enabled).toBe(false);
    const audit = await db.manager.query(
      `SELECT action FROM audit_log WHERE entity_type = 'IdentityProvider' AND entity_id = $1 AND action LIKE 'identityProvider.%' ORDER BY id`,
      [entraId],
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual([
      'identityProvider.created',
      'identityProvider.updated',
      'identityProvider.tested',
      'identityProvider.disabled',
    ]);
    const start = await new UserAgent().request(`${base}/auth/sso/${entraId}/start`);
    expect(new URL(start.headers.get('location')!, base).searchParams.get('sso')).toBe('PROVIDER_UNKNOWN');
    const list = await api.gql(`{ identityProviders { id } }`);
    expect(list.data!.identityProviders.map((p: { id: string }) => p.id)).not.toContain(entraId);
  });

  it('an organisation with local passwords turned off refuses password sign-in with a clear message', async () => {
    const coordinator = await createUser(api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'lokal');
    const off = await api.gql(
      `mutation($o: ID!) { setLocalPasswordsAllowed(organizationId: $o, allowed: false) { id localPasswordsAllowed } }`,
      { o: orgId },
      { token: admin.token },
    );
    expect(off.data!.setLocalPasswordsAllowed.localPasswordsAllowed).toBe(false);
    const http = api.app.getHttpAdapter().getInstance();
    const response = await http.inject({
      method: 'POST',
      url: '/auth/session',
      headers: { 'content-type': 'application/json', 'accept-language': 'sv' },
      payload: JSON.stringify({ email: coordinator.email, password: TEST_PASSWORD }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(/loggar in med sina egna konton/);
    const login = await api.gql(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      {
        e: coordinator.email,
        p: TEST_PASSWORD,
      },
    );
    expect(login.errors?.[0]?.extensions.reason).toBe('CORE_LOCAL_PASSWORDS_OFF');
    await api.gql(
      `mutation($o: ID!) { setLocalPasswordsAllowed(organizationId: $o, allowed: true) { id } }`,
      { o: orgId },
      { token: admin.token },
    );
  });
});
