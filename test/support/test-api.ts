import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, Clock, ManualClock } from '#core';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApi, createFastifyAdapter } from '../../apps/api/src/bootstrap.js';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data: T | null | undefined;
  errors?: { message: string; path?: string[]; extensions: Record<string, any> }[];
  headers: Record<string, string | string[] | number | undefined>;
  /** SQL statements the request cost (header sent outside production). */
  sqlStatements: number;
}

export interface TestApi {
  app: NestFastifyApplication;
  clock: ManualClock;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GqlResponse<T>>;
  get(path: string, token?: string): Promise<{ status: number; body: any; headers: Record<string, any> }>;
  close(): Promise<void>;
}

/** Boots the api exactly as `main.ts` does (Fastify, hooks, guards), with a clock the test moves. */
export async function createTestApi(clock = new ManualClock('2026-11-22T08:00:00.000Z')): Promise<TestApi> {
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(AppConfig.fromEnv()), {
    logger: ['error'],
  });
  await configureApi(app);
  const inject = app.getHttpAdapter().getInstance();
  return {
    app,
    clock,
    async gql(query, variables, options = {}) {
      const response = await inject.inject({
        method: 'POST',
        url: '/graphql',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        payload: JSON.stringify({ query, variables }),
      });
      const body = response.json<{ data?: any; errors?: any[] }>();
      return {
        status: response.statusCode,
        data: body.data,
        errors: body.errors,
        headers: response.headers,
        sqlStatements: Number(response.headers['x-sql-statements'] ?? -1),
      };
    },
    async get(path, token) {
      const response = await inject.inject({
        method: 'GET',
        url: path,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      let body: unknown = response.body;
      try {
        body = response.json();
      } catch {
        // not JSON
      }
      return { status: response.statusCode, body, headers: response.headers };
    },
    close: () => app.close(),
  };
}

/** The first error's code, for terse assertions. */
export function errorCode(response: GqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}
