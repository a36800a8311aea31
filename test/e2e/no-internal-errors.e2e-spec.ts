import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type GraphQLField, GraphQLNonNull } from 'graphql';
import { Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { dummyValue, operationDocument } from '../support/schema-operations.js';

/**
 * Hostile input as a client would send it: every query and mutation of the schema, called with ids that
 * do not exist and dummy values in every required argument, by an admin and by a tech coach. Whatever the
 * answer (NOT_FOUND, FORBIDDEN, BAD_USER_INPUT, CONFLICT…), it is never an internal error.
 */
describe('no operation answers a bad call with an internal error', () => {
  let api: TestApi;
  let admin: TestUser;
  let coach: TestUser;

  beforeAll(async () => {
    api = await createTestApi();
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN, Role.NODE_STAFF], 'admin');
    coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
  });
  afterAll(() => api.close());

  function call(
    kind: 'query' | 'mutation',
    field: GraphQLField<unknown, unknown>,
  ): { query: string; variables: Record<string, unknown> } {
    const required = field.args.filter((a) => a.type instanceof GraphQLNonNull);
    return {
      query: operationDocument(kind, field, required),
      variables: Object.fromEntries(required.map((a) => [a.name, dummyValue(a.type)])),
    };
  }

  it('holds for every query and mutation, for an admin and for a tech coach', async () => {
    const { schema } = api.app.get(GraphQLSchemaHost);
    const operations = [
      ...Object.values(schema.getQueryType()!.getFields()).map((f) => call('query', f)),
      ...Object.values(schema.getMutationType()!.getFields())
        .filter((f) => f.name !== 'login')
        .map((f) => call('mutation', f)),
    ];
    expect(operations.length).toBeGreaterThan(60);
    const internal: string[] = [];
    for (const user of [coach, admin]) {
      for (const { query, variables } of operations) {
        const response = await api.gql(query, variables, { token: user.token });
        const codes = (response.errors ?? []).map((e) => e.extensions?.code);
        if (response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR'))
          internal.push(`${user.roles.join('+')}: ${query} → ${JSON.stringify(response.errors?.[0]?.message)}`);
      }
    }
    expect(internal).toEqual([]);
  });
});
