import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Role } from './role.js';
import { AppConfig } from '../config/app-config.js';
import type { Actor } from '../context/request-context.js';
import type { OrganizationKind } from '../organizations/organization.entity.js';

interface AccessTokenClaims {
  sub: string;
  org: string;
  kind: OrganizationKind;
  roles: Role[];
}

const ROLES = new Set<string>(Object.values(Role));

@Injectable()
export class TokenService {
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

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
    return {
      accessToken: this.jwt.sign(claims, { algorithm: 'HS256', secret: this.config.jwtSecret }),
      expiresAt: new Date(exp * 1000),
    };
  }

  /**
   * Checks an HS256 access token by hand with a key built once: the JWT library tried `createPublicKey` on the
   * secret on every request before falling back to HMAC (8.6 % of all CPU for `me`, issue 12). The claims say
   * who; the roles and whether the user is still active come from the database on every request (see
   * Authenticator), so the token's own roles are only a hint.
   */
  verify(token: string, nowSeconds: number): Actor | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = createHmac('sha256', this.key).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
      if (head.alg !== 'HS256') return null;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<AccessTokenClaims> & {
        exp?: unknown;
        nbf?: unknown;
      };
      if (typeof claims.exp !== 'number' || nowSeconds >= claims.exp) return null;
      if (typeof claims.nbf === 'number' && nowSeconds < claims.nbf) return null;
      if (typeof claims.sub !== 'string' || typeof claims.org !== 'string' || !Array.isArray(claims.roles)) return null;
      return {
        userId: claims.sub,
        organizationId: claims.org,
        organizationKind: claims.kind!,
        roles: claims.roles.filter((r) => ROLES.has(r)),
      };
    } catch {
      return null;
    }
  }

  /** The token of an `Authorization: Bearer …` header, or null. */
  static bearerOf(headers: Record<string, string | string[] | undefined>): string | null | undefined {
    const authorization = headers.authorization;
    const header = Array.isArray(authorization) ? authorization[0] : authorization;
    if (!header) return undefined;
    return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
  }
}
