import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { Role } from '#core';
import { formatGraphqlError } from '../../libs/core/src/graphql/graphql.options.js';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';

/** Every way a client can get a request wrong is answered as the client's error, and never logged as a fault. */
class CapturingLogger implements LoggerService {
  readonly lines: { level: string; message: unknown }[] = [];
  log(message: unknown) {
    this.lines.push({ level: 'log', message });
  }
  error(message: unknown) {
    this.lines.push({ level: 'error', message });
  }
  warn(message: unknown) {
    this.lines.push({ level: 'warn', message });
  }
  debug(message: unknown) {
    this.lines.push({ level: 'debug', message });
  }
  verbose(message: unknown) {
    this.lines.push({ level: 'verbose', message });
  }
  fatal(message: unknown) {
    this.lines.push({ level: 'fatal', message });
  }
}

const CLIENT_CODES = [
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'NOT_FOUND',
];

describe('requests the client got wrong', () => {
  let api: TestApi;
  let admin: TestUser;
  const logs = new CapturingLogger();

  beforeAll(async () => {
    api = await createTestApi();
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN, Role.NODE_STAFF], 'admin');
    api.app.useLogger(logs);
  });
  beforeEach(() => {
    logs.lines.splice(0);
  });
  afterAll(() => api.close());

  async function send(request: {
    method: 'GET' | 'POST' | 'PUT' | 'DELETE';
    url?: string;
    headers?: Record<string, string>;
    payload?: string;
  }) {
    const response = await api.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: request.method,
        url: request.url ?? '/graphql',
        headers: request.headers ?? { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
        payload: request.payload,
      });
    const body = response.json<{
      errors?: { message: string; extensions: Record<string, unknown> }[];
      error?: { message: string; code: string };
    }>();
    const errors =
      body.errors ?? (body.error ? [{ message: body.error.message, extensions: { code: body.error.code } }] : []);
    return { status: response.statusCode, errors };
  }

  const post = (body: unknown) =>
    send({ method: 'POST', payload: typeof body === 'string' ? body : JSON.stringify(body) });
  const preflight = { 'apollo-require-preflight': 'true' };
  const manyBadVariables = (count: number) => ({
    query: `query(${Array.from({ length: count }, (_, i) => `$v${i}: Int`).join(', ')}) { ${Array.from({ length: count }, (_, i) => `a${i}: needs(first: $v${i}) { totalCount }`).join(' ')} }`,
    variables: Object.fromEntries(Array.from({ length: count }, (_, i) => [`v${i}`, 'x'])),
  });

  const cases: [string, () => ReturnType<typeof send>][] = [
    ['more than 50 bad variable values', () => post(manyBadVariables(60))],
    ['an unknown operation name', () => post({ query: 'query A { __typename }', operationName: 'B' })],
    ['two operations and no operation name', () => post({ query: 'query A { __typename } query B { __typename }' })],
    ['a GET without a query', () => send({ method: 'GET', headers: preflight })],
    [
      'a GET without a CSRF preflight header',
      () => send({ method: 'GET', url: '/graphql?query=%7B__typename%7D', headers: {} }),
    ],
    [
      'a mutation by GET',
      () =>
        send({
          method: 'GET',
          url: '/graphql?query=mutation%7BchangePassword(currentPassword:%22a%22,newPassword:%22b%22)%7D',
          headers: preflight,
        }),
    ],
    [
      'GET variables that are not JSON',
      () => send({ method: 'GET', url: '/graphql?query=%7B__typename%7D&variables=x', headers: preflight }),
    ],
    [
      'an unknown persisted query',
      () => post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }),
    ],
    [
      'an unsupported persisted query version',
      () => post({ extensions: { persistedQuery: { version: 2, sha256Hash: 'ab' } } }),
    ],
    ['variables as a string', () => post({ query: '{ __typename }', variables: '{}' })],
    ['variables as an array', () => post({ query: '{ __typename }', variables: [1] })],
    ['extensions as a string', () => post({ query: '{ __typename }', extensions: '{}' })],
    ['a query that is not a string', () => post({ query: 5 })],
    ['an operation name that is not a string', () => post({ query: '{ __typename }', operationName: 5 })],
    ['an empty JSON object', () => post({})],
    ['a JSON null body', () => post('null')],
    ['a batched array body', () => post([{ query: '{ __typename }' }, { query: '{ __typename }' }])],
    ['unparsable JSON', () => post('{"query":')],
    ['a syntax error', () => post({ query: '{ needs {' })],
    ['an unknown field', () => post({ query: '{ nothingHere }' })],
    ['a subscription', () => post({ query: 'subscription { x }' })],
    ['@defer', () => post({ query: '{ ... @defer { __typename } }' })],
    ['a missing required variable', () => post({ query: 'query($f: Int!) { needs(first: $f) { totalCount } }' })],
    [
      'an Int out of range',
      () => post({ query: 'query($f: Int) { needs(first: $f) { totalCount } }', variables: { f: 1e12 } }),
    ],
    [
      'text/plain without preflight',
      () => send({ method: 'POST', headers: { 'content-type': 'text/plain' }, payload: '{"query":"{ __typename }"}' }),
    ],
    [
      'text/plain with preflight',
      () =>
        send({
          method: 'POST',
          headers: { 'content-type': 'text/plain', ...preflight },
          payload: '{"query":"{ __typename }"}',
        }),
    ],
    [
      'an XML body',
      () => send({ method: 'POST', headers: { 'content-type': 'application/xml', ...preflight }, payload: '<query/>' }),
    ],
    ['no content type', () => send({ method: 'POST', headers: preflight, payload: '{"query":"{ __typename }"}' })],
    [
      'an Accept header without JSON',
      () =>
        send({
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/html' },
          payload: '{"query":"{ __typename }"}',
        }),
    ],
    ['PUT', () => send({ method: 'PUT', payload: '{"query":"{ __typename }"}' })],
  ];

  it.each(cases)('%s: a client error, not logged as a fault', async (_name, request) => {
    const { status, errors } = await request();
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(CLIENT_CODES).toContain(error.extensions.code);
      expect(error.message).not.toMatch(/Internt fel|Internal error/);
    }
    expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
    expect(logs.lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
  });

  it('says in Swedish and English what is wrong when more than 50 variables are bad, and names each variable', async () => {
    const { status, errors } = await post(manyBadVariables(60));
    expect(status).toBe(400);
    expect(errors.every((error) => error.extensions.code === 'BAD_USER_INPUT')).toBe(true);
    expect(errors.at(-1)!.message).toMatch(/För många variabler.*Too many variables/);
    expect(errors.slice(0, 50).map((error) => error.extensions.field)).toEqual(
      Array.from({ length: 50 }, (_, i) => `v${i}`),
    );
  });

  it('names the part of a variable that is wrong', async () => {
    const { errors } = await post({
      query: 'mutation($i: ReportNeedInput!) { reportNeed(input: $i) { id } }',
      variables: { i: { title: 5 } },
    });
    expect(errors.map((error) => error.extensions.field)).toEqual(
      expect.arrayContaining(['i.title', 'i.description', 'i.setting']),
    );
    expect(errors.every((error) => error.extensions.code === 'BAD_USER_INPUT')).toBe(true);
    // graphql-js words these for developers; the reason lets a form say it in the user's language.
    expect(errors.every((error) => error.extensions.reason === 'CORE_INVALID_VALUE')).toBe(true);
    const unknown = await post({
      query: 'mutation($i: ReportNeedInput!) { reportNeed(input: $i) { id } }',
      variables: { i: { nonsense: 1 } },
    });
    expect(unknown.errors.map((error) => error.extensions.field)).toContain('i.nonsense');
  });

  it('still reports a fault in the server as an internal error, logged with its stack', async () => {
    const resolverBug = new GraphQLError('Cannot read properties of undefined', {
      path: ['needs'],
      originalError: new TypeError('boom'),
    });
    expect(formatGraphqlError({ message: resolverBug.message, path: ['needs'] }, resolverBug).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
    expect(logs.lines.filter((line) => line.level === 'error')).toHaveLength(1);
  });
});
