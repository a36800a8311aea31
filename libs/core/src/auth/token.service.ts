import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Role } from './role.js';
import { AppConfig } from '../config/app-config.js';
import { type Actor, RequestContext } from '../context/request-context.js';
import type { OrganizationKind } from '../organizations/organization.entity.js';
import type { Lang } from '../errors/domain-error.js';

interface AccessTokenClaims {
  sub: string;
  org: string;
  kind: OrganizationKind;
  roles: Role[];
}

const ROLES = new Set<string>(Object.values(Role));

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  issue(actor: Actor, nowSeconds: number): { accessToken: string; expiresAt: Date } {
    const exp = nowSeconds + this.config.jwtExpiresInSeconds;
    const claims: AccessTokenClaims & { iat: number; exp: number } = {
      sub: actor.userId,
      org: actor.organizationId,
      kind: actor.organizationKind,
      roles: [...actor.roles],
      iat: nowSeconds,
      exp,
    };
    return { accessToken: this.jwt.sign(claims, { algorithm: 'HS256', secret: this.config.jwtSecret }), expiresAt: new Date(exp * 1000) };
  }

  verify(token: string, nowSeconds: number): Actor | null {
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token, { algorithms: ['HS256'], secret: this.config.jwtSecret, clockTimestamp: nowSeconds });
      if (typeof claims.sub !== 'string' || typeof claims.org !== 'string' || !Array.isArray(claims.roles)) return null;
      return { userId: claims.sub, organizationId: claims.org, organizationKind: claims.kind, roles: claims.roles.filter((r) => ROLES.has(r)) };
    } catch {
      return null;
    }
  }

  /** Builds the request context from an `Authorization: Bearer …` header and `Accept-Language`. */
  contextFor(headers: Record<string, string | string[] | undefined>, requestId: string, nowSeconds: number): RequestContext {
    const acceptLanguage = String(headers['accept-language'] ?? '').toLowerCase();
    const lang: Lang = acceptLanguage.startsWith('en') ? 'en' : 'sv';
    const authorization = headers.authorization;
    const header = Array.isArray(authorization) ? authorization[0] : authorization;
    if (!header) return new RequestContext(null, requestId, lang);
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match ? this.verify(match[1]!, nowSeconds) : null;
    return actor ? new RequestContext(actor, requestId, lang) : new RequestContext(null, requestId, lang, 'INVALID_TOKEN');
  }
}
