import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppConfig, Clock } from '#core';
import type { IdentityProvider } from './identity-provider.entity.js';
import { SsoRefusal, SsoRefused } from './identity.errors.js';
import type { PendingRequest } from './sso-request.store.js';
import type { VerifiedIdentity } from './provider-sign-in.service.js';

/** Bounded skew between Noden's clock and the provider's (seconds) when checking `iat`/`exp`. */
const CLOCK_TOLERANCE_SECONDS = 60;
/** Discovery documents and keys are fetched again after this long (keys rotate). */
const DISCOVERY_TTL_MS = 3600_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Reads a secret from where the provider's configuration says it lives: `env:NAME` or `file:/path`. */
export async function readSecret(ref: string | null): Promise<string | undefined> {
  if (!ref) return undefined;
  const [, scheme, where] = /^(env|file):(.+)$/.exec(ref) ?? [];
  if (scheme === 'env') return process.env[where] || undefined;
  if (scheme === 'file') return (await readFile(where, 'utf8')).trim() || undefined;
  return undefined;
}

/** The error and its causes (openid-client wraps oauth4webapi's, whose cause names the claim), for the log. */
function describe(error: unknown): string {
  type Described = {
    name?: string;
    message?: string;
    code?: string;
    error?: string;
    error_description?: string;
    claim?: string;
    cause?: unknown;
  };
  const parts: string[] = [];
  let current = error as Described | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    if (typeof current.message === 'string')
      parts.push(`${current.code ?? current.error ?? current.name}: ${current.error_description ?? current.message}`);
    else if (current.claim) parts.push(`claim ${current.claim}`);
    current = current.cause as Described | undefined;
  }
  return parts.join(' ← ');
}

export function claimValue(claims: Record<string, unknown>, name: string | undefined): string | null {
  if (!name) return null;
  const value = claims[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * OpenID Connect with openid-client 6: discovery, authorization code with PKCE (S256), `state` and `nonce`, and
 * the ID token's issuer, audience, signature (provider's JWKS), expiry and nonce checked by the library.
 */
@Injectable()
export class OidcFlow {
  private readonly configs = new Map<
    string,
    {
      server: oidc.ServerMetadata;
      secret: string | undefined;
      insecure: boolean;
      version: number;
      fetchedAt: number;
      jwks?: ReturnType<typeof oidc.getJwksCache>;
    }
  >();

  constructor(
    private readonly clock: Clock,
    private readonly appConfig: AppConfig,
  ) {}

  /**
   * A configuration for this request: discovery is cached per provider (and refreshed after an hour or a change
   * of the provider), the keys too; the client metadata carries the skew to Noden's Clock (tests move it).
   */
  async configuration(provider: IdentityProvider): Promise<oidc.Configuration> {
    const version = provider.updatedAt.getTime();
    let cached = this.configs.get(provider.id);
    if (!cached || cached.version !== version || Date.now() - cached.fetchedAt > DISCOVERY_TTL_MS) {
      const secret = await readSecret(provider.clientSecretRef).catch(() => undefined);
      if (provider.clientSecretRef && !secret)
        throw new SsoRefused(
          SsoRefusal.PROVIDER_UNREACHABLE,
          `client secret ${provider.clientSecretRef} is empty or unreadable`,
        );
      const issuer = new URL(provider.issuer!);
      // Plain http only for a provider on this machine outside production (tests, a developer's own IdP).
      const insecure =
        issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname) && this.appConfig.nodeEnv !== 'production';
      try {
        const discovered = await oidc.discovery(issuer, provider.clientId!, undefined, oidc.None(), {
          ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
          timeout: 10,
        });
        cached = { server: discovered.serverMetadata(), secret, insecure, version, fetchedAt: Date.now() };
      } catch (error) {
        throw new SsoRefused(
          SsoRefusal.PROVIDER_UNREACHABLE,
          `discovery of ${issuer.href} failed: ${(error as Error).message}`,
        );
      }
      this.configs.set(provider.id, cached);
    }
    const config = new oidc.Configuration(
      cached.server,
      provider.clientId!,
      {
        [oidc.clockSkew]: Math.round((this.clock.now().getTime() - Date.now()) / 1000),
        [oidc.clockTolerance]: CLOCK_TOLERANCE_SECONDS,
      },
      cached.secret ? oidc.ClientSecretBasic(cached.secret) : oidc.None(),
    );
    if (cached.insecure) oidc.allowInsecureRequests(config);
    if (cached.jwks) oidc.setJwksCache(config, cached.jwks);
    return config;
  }

  /** Keeps the provider's keys fetched during a request for the next ones. */
  private keepKeys(providerId: string, config: oidc.Configuration): void {
    const cached = this.configs.get(providerId);
    const jwks = oidc.getJwksCache(config);
    if (cached && jwks) cached.jwks = jwks;
  }

  /** The URL to send the browser to, and what must be remembered to check the answer. */
  async start(
    provider: IdentityProvider,
    redirectUri: string,
  ): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
    const config = await this.configuration(provider);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: provider.scopes.join(' '),
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the code and verifies the ID token; refuses with the precise reason for the log. */
  async finish(
    provider: IdentityProvider,
    redirectUri: string,
    query: URLSearchParams,
    request: PendingRequest,
  ): Promise<{ identity: VerifiedIdentity; idToken: string | undefined }> {
    const config = await this.configuration(provider);
    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = query.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: request.codeVerifier!,
        expectedState: query.get('state')!,
        expectedNonce: request.nonce!,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new SsoRefused(SsoRefusal.NOT_CONFIRMED, `token response refused: ${describe(error)}`);
    }
    this.keepKeys(provider.id, config);
    const claims = tokens.claims() as Record<string, unknown> | undefined;
    if (!claims) throw new SsoRefused(SsoRefusal.NOT_CONFIRMED, 'no ID token in the token response');
    if (provider.allowedTenantIds.length > 0) {
      const tid = claimValue(claims, 'tid');
      if (!tid || !provider.allowedTenantIds.includes(tid))
        throw new SsoRefused(
          SsoRefusal.NOT_CONFIRMED,
          `tenant ${tid ?? '(no tid claim)'} is not allowed for this organisation`,
        );
    }
    let all: Record<string, unknown> = { ...claims };
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      try {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub as string);
        all = { ...info, ...claims };
      } catch (error) {
        throw new SsoRefused(SsoRefusal.NOT_CONFIRMED, `userinfo refused: ${(error as Error).message}`);
      }
    }
    const subject = claimValue(all, provider.subjectClaim);
    if (!subject)
      throw new SsoRefused(SsoRefusal.NOT_CONFIRMED, `the stable key claim ${provider.subjectClaim} is missing`);
    const mapping = provider.claimMapping;
    const given = claimValue(all, mapping.givenName ?? 'given_name');
    const family = claimValue(all, mapping.familyName ?? 'family_name');
    const groups = all[mapping.groups ?? 'groups'];
    return {
      idToken: tokens.id_token,
      identity: {
        provider,
        issuer: claims.iss as string,
        subject,
        email: claimValue(all, mapping.email ?? 'email') ?? claimValue(all, 'preferred_username'),
        displayName: claimValue(all, mapping.name ?? 'name') ?? ([given, family].filter(Boolean).join(' ') || null),
        organizationNumber: claimValue(all, mapping.organizationNumber ?? 'https://id.oidc.se/claim/orgNumber'),
        groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
      },
    };
  }

  /** RP-initiated logout at the provider, where it offers one. */
  async endSessionUrl(
    provider: IdentityProvider,
    idToken: string | undefined,
    returnUrl: string,
  ): Promise<string | null> {
    const config = await this.configuration(provider).catch(() => null);
    if (!config?.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, {
      post_logout_redirect_uri: returnUrl,
      client_id: provider.clientId!,
      ...(idToken ? { id_token_hint: idToken } : {}),
    }).href;
  }

  forget(providerId: string): void {
    this.configs.delete(providerId);
  }
}
