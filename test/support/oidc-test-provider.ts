import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, decodeJwt, SignJWT, importJWK, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';

export interface TestAccount {
  sub: string;
  email: string;
  name: string;
  tid?: string;
  oid?: string;
  groups?: string[];
}

/** Changes the next ID token the provider issues (re-signed with the provider's own key): a misbehaving IdP. */
export type IdTokenTamper = (claims: JWTPayload) => JWTPayload;

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  secretEnv: string;
  accounts: Map<string, TestAccount>;
  /** Applied to the next token response's ID token only. */
  tamperNext(change: IdTokenTamper): void;
  /** Starts answering, with Noden's redirect URIs (known once the identity providers exist in Noden). */
  serve(redirectUris: string[], postLogoutUris?: string[]): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for the tests: discovery, JWKS, authorization code
 * with PKCE, its own login form (devInteractions: any password), consent given in advance for Noden.
 */
export async function startOidcTestProvider(clientId = 'noden-test'): Promise<OidcTestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const secret = `secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const secretEnv = `NODEN_TEST_OIDC_SECRET_${clientId.replace(/\W/g, '_').toUpperCase()}`;
  process.env[secretEnv] = secret;
  const accounts = new Map<string, TestAccount>();
  let tamper: IdTokenTamper | null = null;
  const build = (redirectUris: string[], postLogoutUris: string[]) =>
    new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: secret,
          redirect_uris: redirectUris,
          post_logout_redirect_uris: postLogoutUris,
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [jwk as never] },
      pkce: { required: () => true },
      claims: { openid: ['sub', 'tid', 'oid', 'groups'], email: ['email'], profile: ['name'] },
      ttl: { IdToken: 300, AccessToken: 600, Session: 3600, Interaction: 600, Grant: 3600 },
      cookies: { keys: ['test-cookie-key-0123456789'] },
      features: { devInteractions: { enabled: true } },
      async findAccount(_ctx: unknown, sub: string) {
        const account = accounts.get(sub);
        if (!account) return undefined;
        return { accountId: sub, claims: async () => ({ ...account }) };
      },
      // First-party client: consent is given in advance, so the person sees only the login form.
      async loadExistingGrant(ctx: any) {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client.clientId,
          accountId: ctx.oidc.session.accountId,
        });
        grant.addOIDCScope('openid email profile');
        grant.addOIDCClaims(['sub', 'email', 'name', 'tid', 'oid', 'groups']);
        await grant.save();
        return grant;
      },
    });
  const signingKey = await importJWK(jwk, 'RS256');
  const tamperer = async (ctx: any, next: () => Promise<void>) => {
    await next();
    if (ctx.path === '/token' && ctx.method === 'POST' && tamper && ctx.body?.id_token) {
      const change = tamper;
      tamper = null;
      const claims = change(decodeJwt(ctx.body.id_token));
      ctx.body = {
        ...ctx.body,
        id_token: await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).sign(signingKey),
      };
    }
  };
  return {
    issuer,
    clientId,
    secretEnv,
    accounts,
    tamperNext(change) {
      tamper = change;
    },
    serve(redirectUris, postLogoutUris = []) {
      const provider = build(redirectUris, postLogoutUris);
      provider.use(tamperer);
      server.on('request', provider.callback());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
