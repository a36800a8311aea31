import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from './auth.service.js';
import { Public } from './decorators.js';
import { LoginArgs } from './dto/login.input.js';
import { type IssuedSession, SessionService } from './session.service.js';
import { SessionError } from './session.errors.js';
import { TokenService } from './token.service.js';
import { Clock } from '../clock/clock.js';
import { RequestContext } from '../context/request-context.js';

export const REFRESH_COOKIE = 'noden_refresh';
const COOKIE_PATH = '/auth';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

declare module 'fastify' {
  interface FastifyRequest {
    cookies: Record<string, string | undefined>;
  }
  interface FastifyReply {
    setCookie(name: string, value: string, options: Record<string, unknown>): FastifyReply;
    clearCookie(name: string, options: Record<string, unknown>): FastifyReply;
  }
}

/**
 * Sessions for browsers. The refresh token travels only in an HttpOnly, SameSite=Strict cookie scoped to /auth;
 * these routes also refuse requests another site could forge (a form post, a cross-site fetch): they take only
 * JSON, and a browser's Origin and Sec-Fetch-Site must say the request comes from this site.
 */
@Public()
@Controller('auth')
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
  ) {}

  @Post('session')
  @HttpCode(200)
  async signIn(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: LoginArgs,
  ) {
    assertSameSite(request);
    const ctx = request.ctx ?? RequestContext.anonymous(String(request.id));
    const { accessToken } = await this.auth.login(ctx, body, request.ip);
    const actor = this.tokens.verify(accessToken, Math.floor(this.clock.now().getTime() / 1000))!;
    return this.grant(request, reply, await this.sessions.start(actor));
  }

  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    assertSameSite(request);
    try {
      return this.grant(
        request,
        reply,
        await this.sessions.refresh(request.cookies[REFRESH_COOKIE], String(request.id)),
      );
    } catch (error) {
      reply.clearCookie(REFRESH_COOKIE, cookieOptions(request));
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    assertSameSite(request);
    await this.sessions.end(request.cookies[REFRESH_COOKIE], String(request.id));
    reply.clearCookie(REFRESH_COOKIE, cookieOptions(request));
  }

  private grant(request: FastifyRequest, reply: FastifyReply, session: IssuedSession) {
    const now = this.clock.now().getTime();
    // Lifetimes are relative (Max-Age, expiresIn): a browser whose clock is off must not drop the session.
    reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
      ...cookieOptions(request),
      maxAge: Math.max(0, Math.floor((session.refreshExpiresAt.getTime() - now) / 1000)),
    });
    reply.header('cache-control', 'no-store');
    return {
      accessToken: session.accessToken,
      expiresAt: session.expiresAt.toISOString(),
      expiresIn: Math.floor((session.expiresAt.getTime() - now) / 1000),
    };
  }
}

export function cookieOptions(request: FastifyRequest) {
  // Secure outside localhost: a browser never sends the token over plain HTTP to a real host.
  return {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: !LOCAL_HOSTS.has(request.hostname.replace(/:\d+$/, '')),
  };
}

function assertSameSite(request: FastifyRequest): void {
  const contentType = String(request.headers['content-type'] ?? '');
  const fetchSite = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const ownOrigin = `${request.protocol}://${request.host}`;
  if (!contentType.startsWith('application/json')) throw SessionError.CROSS_SITE();
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') throw SessionError.CROSS_SITE();
  if (origin && origin !== ownOrigin) throw SessionError.CROSS_SITE();
}
