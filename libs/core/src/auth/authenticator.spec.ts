import { afterAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { Authenticator } from './authenticator.js';
import { SignedInUsers } from './signed-in-users.js';
import { TokenService } from './token.service.js';
import { Role } from './role.js';
import { AppConfig } from '../config/app-config.js';
import { RequestContext } from '../context/request-context.js';
import type { Db } from '../database/db.service.js';
import { OrganizationKind } from '../organizations/organization.entity.js';
import { mapDatabaseError } from '../errors/pg-error-mapping.js';

/** Token checks by hand, and what a signed-in request gets when the database cannot be reached. */
describe('Authenticator', () => {
  const config = AppConfig.fromEnv({
    ...process.env,
    JWT_SECRET: 'unit-secret-unit-secret-unit-secret-0123',
    JWT_EXPIRES_IN_SECONDS: '900',
  });
  const tokens = new TokenService(new JwtService(), config);
  const actor = {
    userId: '2f1c1d1e-3b4a-4c5d-8e6f-7a8b9c0d1e2f',
    organizationId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    organizationKind: OrganizationKind.MUNICIPALITY,
    roles: [Role.TECH_COACH],
  };
  const now = 1_800_000_000;
  // A real pool on a port nobody listens on: "Postgres unreachable" without touching the shared server.
  const unreachable = new pg.Pool({ host: '127.0.0.1', port: 5499, user: 'postgres', connectionTimeoutMillis: 500 });
  afterAll(() => unreachable.end());

  it('accepts its own HS256 tokens until they expire, and nothing forged', () => {
    const { accessToken } = tokens.issue(actor, now);
    expect(tokens.verify(accessToken, now + 899)).toMatchObject({
      userId: actor.userId,
      organizationId: actor.organizationId,
    });
    expect(tokens.verify(accessToken, now + 900)).toBeNull();
    const [header, payload] = accessToken.split('.');
    expect(tokens.verify(`${header}.${payload}.${'A'.repeat(43)}`, now)).toBeNull();
    expect(tokens.verify(`${header}.${payload}`, now)).toBeNull();
    const other = new TokenService(
      new JwtService(),
      AppConfig.fromEnv({ ...process.env, JWT_SECRET: 'another-secret-another-secret-another-0123' }),
    );
    expect(tokens.verify(other.issue(actor, now).accessToken, now)).toBeNull();
  });

  it('answers SERVICE_UNAVAILABLE, not a server error, when the user behind a valid token cannot be read', async () => {
    const db = { pool: unreachable } as unknown as Db;
    const cache = new SignedInUsers(db);
    const authenticator = new Authenticator(tokens, db, cache);
    const { accessToken } = tokens.issue(actor, now);
    const ctx = await authenticator.contextFor({ authorization: `Bearer ${accessToken}` }, 'req-1', now);
    expect(ctx.isAuthenticated).toBe(false);
    expect(RequestContext.failureOf(ctx.authFailure).code).toBe('SERVICE_UNAVAILABLE');
    const anonymous = await authenticator.contextFor({}, 'req-2', now);
    expect(RequestContext.failureOf(anonymous.authFailure).code).toBe('UNAUTHENTICATED');
    const forged = await authenticator.contextFor({ authorization: 'Bearer x.y.z' }, 'req-3', now);
    expect(RequestContext.failureOf(forged.authFailure).code).toBe('UNAUTHENTICATED');
    await cache.onModuleDestroy();
  });
});

describe('mapDatabaseError', () => {
  it('maps an unreachable database and an exhausted pool to SERVICE_UNAVAILABLE', async () => {
    const refused = new pg.Pool({ host: '127.0.0.1', port: 5499, user: 'postgres' });
    const error = await refused.query('SELECT 1').catch((e: unknown) => e);
    await refused.end();
    expect(mapDatabaseError(error)?.code).toBe('SERVICE_UNAVAILABLE');
    const tiny = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, connectionTimeoutMillis: 100 });
    const held = await tiny.connect();
    const exhausted = await tiny.query('SELECT 1').catch((e: unknown) => e);
    held.release();
    await tiny.end();
    expect(mapDatabaseError(exhausted)?.code).toBe('SERVICE_UNAVAILABLE');
    expect(mapDatabaseError(new Error('something else'))).toBeUndefined();
  });
});
