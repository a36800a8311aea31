import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import * as samlify from 'samlify';
import { Db, ManualClock, Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, organizationByCode, type TestUser } from '../support/builders.js';
import { UserAgent } from '../support/user-agent.js';

jest.setTimeout(60_000);

// samlify is only the test IdP here (Noden validates with @node-saml/node-saml); its own schema check is not needed.
samlify.setSchemaValidator({ validate: () => Promise.resolve('skipped') });

const fixture = (name: string) => readFileSync(new URL(`../fixtures/saml/${name}`, import.meta.url), 'utf8');
const IDP_ENTITY = 'https://idp.sambi-test.example/idp';
const SAMBI_HSA = 'http://sambi.se/attributes/1/employeeHsaId';
const MAIL = 'urn:oid:0.9.2342.19200300.100.1.3';

function identityProvider(key: string, cert: string) {
  return samlify.IdentityProvider({
    entityID: IDP_ENTITY,
    privateKey: key,
    signingCert: cert,
    nameIDFormat: ['urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'],
    singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${IDP_ENTITY}/sso` }],
    loginResponseTemplate: {
      context: samlify.SamlLib.defaultLoginResponseTemplate.context,
      attributes: [
        {
          name: SAMBI_HSA,
          valueTag: 'hsa',
          nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
          valueXsiType: 'xs:string',
        },
        {
          name: MAIL,
          valueTag: 'mail',
          nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
          valueXsiType: 'xs:string',
        },
      ],
    },
  });
}

/** Sambi-style SAML 2.0 sign-in (issue 20): samlify plays the IdP, Noden validates with node-saml. */
describe('sign in with a SAML identity provider (Sambi)', () => {
  let api: TestApi;
  let base: string;
  let admin: TestUser;
  let providerId: string;
  let db: Db;
  const idp = identityProvider(fixture('idp.key'), fixture('idp.crt'));
  const impostor = identityProvider(fixture('other-idp.key'), fixture('other-idp.crt'));
  let sp: ReturnType<typeof samlify.ServiceProvider>;

  beforeAll(async () => {
    api = await createTestApi(new ManualClock(new Date().toISOString()));
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    db = api.app.get(Db);
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN], 'admin');
    const org = await organizationByCode(api, '0482');
    const created = await api.gql(
      `mutation($input: CreateIdentityProviderInput!) { createIdentityProvider(input: $input) { id idpEntityId ssoUrl } }`,
      {
        input: {
          organizationId: org.id,
          kind: 'SAML',
          displayName: 'Sambi',
          metadataXml: idp.getMetadata(),
          subjectClaim: SAMBI_HSA,
        },
      },
      { token: admin.token },
    );
    expect(created.errors).toBeUndefined();
    providerId = created.data!.createIdentityProvider.id;
    expect(created.data!.createIdentityProvider).toMatchObject({
      idpEntityId: IDP_ENTITY,
      ssoUrl: `${IDP_ENTITY}/sso`,
    });
    const metadata = await fetch(`${base}/auth/sso/${providerId}/metadata`);
    expect(metadata.headers.get('content-type')).toContain('samlmetadata+xml');
    sp = samlify.ServiceProvider({ metadata: await metadata.text() });
  });
  afterAll(() => api?.close());

  /** Starts at Noden and answers the AuthnRequest id the IdP must answer. */
  async function start(agent: UserAgent): Promise<string> {
    const response = await agent.request(`${base}/auth/sso/${providerId}/start?till=/uppfoljning`);
    const location = new URL(response.headers.get('location')!);
    expect(location.href.startsWith(`${IDP_ENTITY}/sso`)).toBe(true);
    const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    return /\bID="([^"]+)"/.exec(xml)![1];
  }

  async function response(
    requestId: string,
    person: { hsa: string; mail: string },
    options: { by?: typeof idp; change?: Record<string, string> } = {},
  ): Promise<string> {
    const by = options.by ?? idp;
    const { context } = await by.createLoginResponse(
      sp,
      { extract: { request: { id: requestId } } },
      'post',
      { email: person.hsa },
      {
        customTagReplacement: (template: string) => {
          const now = new Date();
          const later = new Date(now.getTime() + 5 * 60_000);
          const id = `_${Math.random().toString(16).slice(2)}${Date.now()}`;
          const values = {
            ID: id,
            AssertionID: `_a${Math.random().toString(16).slice(2)}${Date.now()}`,
            Destination: `${base}/auth/sso/${providerId}/acs`,
            Audience: `${base}/auth/sso/${providerId}/metadata`,
            EntityID: `${base}/auth/sso/${providerId}/metadata`,
            SubjectRecipient: `${base}/auth/sso/${providerId}/acs`,
            Issuer: IDP_ENTITY,
            IssueInstant: now.toISOString(),
            AssertionConsumerServiceURL: `${base}/auth/sso/${providerId}/acs`,
            StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
            ConditionsNotBefore: now.toISOString(),
            ConditionsNotOnOrAfter: later.toISOString(),
            SubjectConfirmationDataNotOnOrAfter: later.toISOString(),
            NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
            NameID: person.hsa,
            InResponseTo: requestId,
            AuthnStatement: '',
            attrHsa: person.hsa,
            attrMail: person.mail,
            ...options.change,
          };
          return { id, context: samlify.SamlLib.replaceTagsByValue(template, values) };
        },
      },
    );
    return context;
  }

  async function post(agent: UserAgent, samlResponse: string) {
    const answer = await agent.request(`${base}/auth/sso/${providerId}/acs`, { form: { SAMLResponse: samlResponse } });
    return new URL(answer.headers.get('location')!, base);
  }

  async function refusal(landing: URL) {
    expect(landing.pathname).toBe('/logga-in');
    const [row] = await db.manager.query(
      `SELECT after FROM audit_log WHERE action = 'sso.refused' AND after->>'supportCode' = $1`,
      [landing.searchParams.get('kod')],
    );
    return (row?.after as { reason: string }).reason;
  }

  const xml = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

  it('accepts a signed response to its own request: a new person joins, waiting for access', async () => {
    const agent = new UserAgent();
    const started = performance.now();
    const signed = await response(await start(agent), { hsa: 'SE2321000032-abc1', mail: 'sara.sambi@flen.se' });
    const landing = await post(agent, signed);
    process.stderr.write(
      `first sign-in through SAML (start → response → ACS → session): ${(performance.now() - started).toFixed(0)} ms\n`,
    );
    expect(landing.pathname).toBe('/uppfoljning');
    const refresh = await agent.request(`${base}/auth/refresh`, { json: {} });
    const { accessToken } = (await refresh.json()) as { accessToken: string };
    const me = await api.gql(`{ me { roles email identities { issuer subject } } }`, {}, { token: accessToken });
    expect(me.data!.me).toEqual({
      roles: [],
      email: 'sara.sambi@flen.se',
      identities: [{ issuer: IDP_ENTITY, subject: 'SE2321000032-abc1' }],
    });
  });

  it('refuses the same response posted again (replay)', async () => {
    const agent = new UserAgent();
    const signed = await response(await start(agent), { hsa: 'SE2321000032-abc2', mail: 'rolf@flen.se' });
    expect((await post(agent, signed)).pathname).toBe('/uppfoljning');
    expect(await refusal(await post(agent, signed))).toMatch(/InResponseTo is not valid|replayed/);
  });

  it('refuses an unsigned response', async () => {
    const agent = new UserAgent();
    const signed = xml(await response(await start(agent), { hsa: 'SE-unsigned', mail: 'u@flen.se' }));
    const unsigned = signed.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '');
    expect(unsigned).not.toContain('Signature');
    expect(await refusal(await post(agent, b64(unsigned)))).toMatch(/signature/i);
  });

  it('refuses a response signed by another key', async () => {
    const agent = new UserAgent();
    const forged = await response(await start(agent), { hsa: 'SE-forged', mail: 'f@flen.se' }, { by: impostor });
    expect(await refusal(await post(agent, forged))).toMatch(/signature/i);
  });

  it('refuses a response for another audience', async () => {
    const agent = new UserAgent();
    const other = await response(
      await start(agent),
      { hsa: 'SE-aud', mail: 'a@flen.se' },
      { change: { Audience: 'https://another-service.example/sp' } },
    );
    expect(await refusal(await post(agent, other))).toMatch(/audience/i);
  });

  it('refuses an expired response', async () => {
    const agent = new UserAgent();
    const past = new Date(Date.now() - 20 * 60_000).toISOString();
    const older = new Date(Date.now() - 25 * 60_000).toISOString();
    const expired = await response(
      await start(agent),
      { hsa: 'SE-old', mail: 'o@flen.se' },
      {
        change: {
          IssueInstant: older,
          ConditionsNotBefore: older,
          ConditionsNotOnOrAfter: past,
          SubjectConfirmationDataNotOnOrAfter: past,
        },
      },
    );
    expect(await refusal(await post(agent, expired))).toMatch(
      /expired|NotOnOrAfter|too old|no valid subject confirmation/i,
    );
  });

  it('refuses a response to a request Noden never issued', async () => {
    const agent = new UserAgent();
    const unsolicited = await response('_never-issued', { hsa: 'SE-unsolicited', mail: 'x@flen.se' });
    expect(await refusal(await post(agent, unsolicited))).toMatch(/InResponseTo/);
  });

  it('refuses a wrapped signature (XSW: a forged assertion around the signed response)', async () => {
    const agent = new UserAgent();
    const genuine = xml(await response(await start(agent), { hsa: 'SE-victim', mail: 'victim@flen.se' }));
    const openTag = /^[\s\S]*?<samlp:Response[^>]*>/.exec(genuine)![0];
    const evilAssertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/
      .exec(genuine)![0]
      .replace(/SE-victim/g, 'SE-attacker')
      .replace(/victim@flen\.se/g, 'attacker@flen.se');
    const inner = genuine.replace(/^<\?xml[^>]*>/, '');
    const wrapped = `${openTag}<samlp:Extensions>${inner}</samlp:Extensions><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${IDP_ENTITY}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${evilAssertion}</samlp:Response>`;
    expect(await refusal(await post(agent, b64(wrapped)))).toMatch(/signature/i);
    const [{ n }] = await db.manager.query(
      `SELECT count(*)::int AS n FROM user_identities WHERE subject = 'SE-attacker'`,
    );
    expect(n).toBe(0);
  });
});
