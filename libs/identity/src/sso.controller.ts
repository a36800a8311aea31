import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AppConfig,
  AuditService,
  Clock,
  Db,
  Public,
  REFRESH_COOKIE,
  RequestContext,
  SessionService,
  refreshCookieOptions,
} from '#core';
import { IdentityProviderService } from './identity-provider.service.js';
import { IdentityProviderKind, type IdentityProvider } from './identity-provider.entity.js';
import { SsoRefusal, SsoRefused } from './identity.errors.js';
import { OidcFlow } from './oidc-flow.js';
import { SamlFlow } from './saml-flow.js';
import { SSO_REQUEST_SECONDS, SsoRequestStore } from './sso-request.store.js';
import { ProviderSignInService } from './provider-sign-in.service.js';

const FLOW_COOKIE = 'noden_sso_flow';
const LOGOUT_COOKIE = 'noden_sso_logout';
/** Readable by the web app (no secret in it): on sign-out, go on to the provider's logout only after an SSO sign-in. */
const SSO_MARKER_COOKIE = 'noden_sso';
const SSO_PATH = '/auth/sso';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Only paths inside the app: `?till=https://elsewhere` must not become an open redirect. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' &&
    /^\/(?![/\\])/.test(value) &&
    !value.startsWith('/logga-in') &&
    value.length < 2000
    ? value
    : '/';
}

function supportCode(): string {
  const hex = randomBytes(4).toString('hex').toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

/**
 * Sign-in through an organisation's identity provider. `start` sends the browser there; the provider sends it
 * back to `callback` (OIDC) or posts to `acs` (SAML); on success the browser gets the same session cookie as
 * a password sign-in and lands on the page it asked for. A refusal lands on the sign-in page with plain words
 * and a support code; the precise reason is logged and audited under that code.
 */
@Public()
@Controller('auth/sso')
export class SsoController {
  private readonly logger = new Logger('SSO');

  constructor(
    private readonly providers: IdentityProviderService,
    private readonly store: SsoRequestStore,
    private readonly oidc: OidcFlow,
    private readonly saml: SamlFlow,
    private readonly signIns: ProviderSignInService,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly db: Db,
  ) {}

  @Get(':providerId/start')
  async start(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('providerId') providerId: string,
    @Query('till') till: unknown,
  ): Promise<void> {
    await this.guarded(request, reply, providerId, async (provider) => {
      const returnTo = safeReturnPath(till);
      await this.store.prune();
      if (provider.kind === IdentityProviderKind.SAML) {
        this.redirect(reply, await this.saml.start(provider, this.base(request), this.store, returnTo));
        return;
      }
      const flow = await this.oidc.start(provider, this.redirectUri(request, provider));
      const binding = randomBytes(32).toString('base64url');
      await this.store.save('OIDC', flow.state, {
        providerId: provider.id,
        nonce: flow.nonce,
        codeVerifier: flow.codeVerifier,
        returnTo,
        browserBinding: binding,
      });
      // Lax: the provider's redirect back is a top-level GET from another site, which must carry it.
      reply.setCookie(FLOW_COOKIE, binding, { ...this.cookie(request, 'lax'), maxAge: SSO_REQUEST_SECONDS });
      this.redirect(reply, flow.url);
    });
  }

  @Get(':providerId/callback')
  async callback(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('providerId') providerId: string,
  ): Promise<void> {
    await this.guarded(request, reply, providerId, async (provider) => {
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      const state = query.get('state');
      const binding = request.cookies[FLOW_COOKIE] ?? null;
      reply.clearCookie(FLOW_COOKIE, this.cookie(request, 'lax'));
      if (provider.kind !== IdentityProviderKind.OIDC || !state)
        throw new SsoRefused(SsoRefusal.FLOW_INVALID, 'callback without state (or to a SAML provider)');
      const pending = await this.store.consume('OIDC', state, provider.id, binding);
      if (query.get('error'))
        throw new SsoRefused(
          SsoRefusal.CANCELLED,
          `provider answered ${query.get('error')}: ${query.get('error_description') ?? ''}`,
        );
      const { identity, idToken } = await this.oidc.finish(
        provider,
        this.redirectUri(request, provider),
        query,
        pending,
      );
      const { actor } = await this.signIns.signIn(String(request.id), identity);
      await this.grant(request, reply, actor, { providerId: provider.id, idToken });
      this.redirect(reply, pending.returnTo);
    });
  }

  @Post(':providerId/acs')
  async acs(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('providerId') providerId: string,
    @Body() body: unknown,
  ): Promise<void> {
    await this.guarded(request, reply, providerId, async (provider) => {
      if (provider.kind !== IdentityProviderKind.SAML)
        throw new SsoRefused(SsoRefusal.FLOW_INVALID, 'SAML response posted to an OIDC provider');
      const form = (body && typeof body === 'object' ? body : {}) as Record<string, string | undefined>;
      const { identity, returnTo, profile } = await this.saml.acs(provider, this.base(request), this.store, form);
      const { actor } = await this.signIns.signIn(String(request.id), identity);
      await this.grant(request, reply, actor, {
        providerId: provider.id,
        nameID: profile.nameID,
        sessionIndex: profile.sessionIndex,
      });
      this.redirect(reply, returnTo);
    });
  }

  @Get(':providerId/metadata')
  async metadata(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('providerId') providerId: string,
  ): Promise<void> {
    const provider = UUID.test(providerId) ? await this.providers.findEnabled(providerId) : null;
    if (!provider || provider.kind !== IdentityProviderKind.SAML) {
      reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('No SAML provider with this id.');
      return;
    }
    reply
      .header('content-type', 'application/samlmetadata+xml; charset=utf-8')
      .send(this.saml.metadata(provider, this.base(request)));
  }

  /**
   * After the web app has ended the Noden session (POST /auth/logout), it sends the browser here: where the
   * provider offers single logout, on to it; otherwise back to the sign-in page.
   */
  @Get('logout')
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const signedOut = `${this.base(request)}/logga-in?utloggad=1`;
    const raw = request.cookies[LOGOUT_COOKIE];
    reply.clearCookie(LOGOUT_COOKIE, this.cookie(request, 'lax'));
    reply.clearCookie(SSO_MARKER_COOKIE, { ...this.cookie(request, 'lax'), path: '/', httpOnly: false });
    let target: string | null = null;
    try {
      const hint = raw ? (JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, string>) : null;
      const provider =
        hint?.providerId && UUID.test(hint.providerId) ? await this.providers.findEnabled(hint.providerId) : null;
      if (provider?.kind === IdentityProviderKind.OIDC)
        target = await this.oidc.endSessionUrl(provider, hint!.idToken, signedOut);
      else if (provider?.kind === IdentityProviderKind.SAML && hint!.nameID)
        target = await this.saml.logoutUrl(provider, this.base(request), hint!.nameID, hint!.sessionIndex);
    } catch (error) {
      this.logger.warn({ message: 'single logout not offered', error: (error as Error).message });
    }
    this.redirect(reply, target ?? signedOut);
  }

  private async guarded(
    request: FastifyRequest,
    reply: FastifyReply,
    providerId: string,
    work: (provider: IdentityProvider) => Promise<void>,
  ): Promise<void> {
    try {
      const provider = UUID.test(providerId) ? await this.providers.findEnabled(providerId) : null;
      if (!provider) throw new SsoRefused(SsoRefusal.PROVIDER_UNKNOWN, `no enabled provider ${providerId}`);
      await work(provider);
    } catch (error) {
      const refused =
        error instanceof SsoRefused
          ? error
          : new SsoRefused(SsoRefusal.NOT_CONFIRMED, `unexpected: ${(error as Error).message}`);
      const code = supportCode();
      this.logger.warn({
        message: 'sign-in through provider refused',
        supportCode: code,
        refusal: refused.refusal,
        reason: refused.detail,
        providerId,
        requestId: request.id,
      });
      await this.db
        .transaction((tx) =>
          this.audit.record(new RequestContext(null, String(request.id)), tx, {
            action: 'sso.refused',
            entityType: 'IdentityProvider',
            entityId: providerId.slice(0, 100),
            after: { supportCode: code, refusal: refused.refusal, reason: refused.detail },
          }),
        )
        .catch(() => undefined);
      this.redirect(reply, `/logga-in?sso=${refused.refusal}&kod=${code}`);
    }
  }

  private async grant(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Parameters<SessionService['start']>[0],
    logoutHint: Record<string, string | undefined>,
  ): Promise<void> {
    const session = await this.sessions.start(actor);
    const now = this.clock.now().getTime();
    reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
      ...refreshCookieOptions(request),
      maxAge: Math.max(0, Math.floor((session.refreshExpiresAt.getTime() - now) / 1000)),
    });
    reply.setCookie(SSO_MARKER_COOKIE, '1', {
      ...this.cookie(request, 'lax'),
      path: '/',
      httpOnly: false,
      maxAge: Math.floor((session.refreshExpiresAt.getTime() - now) / 1000),
    });
    const hint = Buffer.from(JSON.stringify(logoutHint)).toString('base64url');
    if (hint.length < 3500)
      reply.setCookie(LOGOUT_COOKIE, hint, {
        ...this.cookie(request, 'lax'),
        maxAge: Math.floor((session.refreshExpiresAt.getTime() - now) / 1000),
      });
  }

  private redirect(reply: FastifyReply, location: string): void {
    reply.code(303).header('location', location).header('cache-control', 'no-store').send();
  }

  private base(request: FastifyRequest): string {
    return this.config.publicUrl ?? `${request.protocol}://${request.host}`;
  }

  private redirectUri(request: FastifyRequest, provider: IdentityProvider): string {
    return `${this.base(request)}${SSO_PATH}/${provider.id}/callback`;
  }

  private cookie(request: FastifyRequest, sameSite: 'lax' | 'strict') {
    return {
      path: SSO_PATH,
      httpOnly: true,
      sameSite,
      secure: !LOCAL_HOSTS.has(request.hostname.replace(/:\d+$/, '')),
    };
  }
}
