import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { execute, type ExecutionResult, parse } from 'graphql';
import { Authenticator, RequestScope, Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, reportNeed } from '../support/needs-builders.js';
import { createTestApi, type TestApi } from '../support/test-api.js';

/**
 * The api runs queries and mutations compiled per document (graphql-jit, through Apollo's gateway executor). Each
 * document here answers through the api exactly as graphql-js, the reference, answers it on the same schema and
 * context: data, and the path and code of each error.
 */
describe('compiled execution', () => {
  let api: TestApi;
  let staff: TestUser;
  let coach: TestUser;
  const marker = `Jit${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    api = await createTestApi();
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    coach = await createUser(api, '0461', [Role.TECH_COACH], 'coach');
    for (let i = 0; i < 4; i++) {
      const need = await reportNeed(api, coach, { title: `${marker} ${i}`, category: i % 2 ? 'GPS_ALARM' : null });
      api.clock.advance(60_000);
      if (i < 3) expect((await changeStatus(api, staff, need.id, 'TRIAGED')).errors).toBeUndefined();
    }
  });
  afterAll(() => api.close());

  /** graphql-js on the api's own schema, with the context the api builds for the same request. */
  async function reference(query: string, variables: Record<string, unknown>, user: TestUser) {
    const headers = { authorization: `Bearer ${user.token}` };
    const now = Math.floor(api.clock.now().getTime() / 1000);
    return RequestScope.run(async () => {
      const ctx = await api.app.get(Authenticator).contextFor(headers, randomUUID(), now);
      RequestScope.set(ctx);
      const result = await execute({
        schema: api.app.get(GraphQLSchemaHost).schema,
        document: parse(query),
        variableValues: variables,
        contextValue: { req: { headers, ctx }, ctx },
      });
      return JSON.parse(JSON.stringify(result)) as ExecutionResult;
    });
  }

  async function expectSameAnswer(query: string, variables: Record<string, unknown>, user: TestUser) {
    const compiled = await api.gql(query, variables, { token: user.token });
    const expected = await reference(query, variables, user);
    expect(compiled.data).toEqual(expected.data);
    const errorsOf = (
      errors: readonly { path?: readonly (string | number)[]; extensions?: { code?: unknown } }[] = [],
    ) => errors.map((e) => ({ path: e.path, code: e.extensions?.code ?? 'INTERNAL_SERVER_ERROR' }));
    expect(errorsOf(compiled.errors)).toEqual(errorsOf(expected.errors));
    return compiled;
  }

  it('answers a list page with fragments, aliases, directives, variable defaults and an enum like graphql-js', async () => {
    const query = `query Page($q: String, $first: Int = 2, $sort: NeedSort = NEWEST, $withCategory: Boolean!, $after: String) {
      needs(search: $q, first: $first, sort: $sort, after: $after) {
        __typename total: totalCount
        nodes { ...Row category @include(if: $withCategory) { key labelSv } }
        edges { cursor node { id } }
        pageInfo { hasNextPage endCursor }
      }
      me { __typename email roles organization { name code } }
    }
    fragment Row on Need { id title status endorsementCount createdAt organization { name } endorsedByMyOrganization }`;
    const first = await expectSameAnswer(query, { q: marker, withCategory: true }, coach);
    expect(first.data?.needs.nodes).toHaveLength(2);
    expect(first.data?.needs.total).toBe(4);
    const next = await expectSameAnswer(
      query,
      { q: marker, withCategory: false, after: first.data?.needs.pageInfo.endCursor },
      coach,
    );
    expect(next.data?.needs.nodes).toHaveLength(2);
    expect(next.data?.needs.nodes[0]).not.toHaveProperty('category');
    const shared = await expectSameAnswer(
      query,
      { q: marker, withCategory: true, sort: 'MOST_SHARED', first: 10 },
      staff,
    );
    expect(shared.data?.needs.nodes).toHaveLength(4);
  });

  it('answers a missing record, a refused field and a bad variable as graphql-js does', async () => {
    await expectSameAnswer(`query($id: ID!) { need(id: $id) { id title } }`, { id: randomUUID() }, coach);
    await expectSameAnswer(`{ identityProviderSettings { id } }`, {}, coach);
    const refused = await api.gql(
      `query($f: Int) { needs(first: $f) { totalCount } }`,
      { f: 'many' },
      { token: coach.token },
    );
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'f' });
  });

  it('runs a mutation whose input leaves out fields that have defaults', async () => {
    const response = await api.gql(
      `mutation($input: ReportNeedInput!) { reportNeed(input: $input) { id title status } }`,
      {
        input: {
          title: `${marker} defaults`,
          description: 'Nattlarm som inte hörs i köket.',
          targetGroup: 'STAFF',
          setting: 'HOME_CARE',
          source: 'STAFF',
        },
      },
      { token: coach.token },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.reportNeed).toMatchObject({ title: `${marker} defaults`, status: 'NEW' });
  });
});
