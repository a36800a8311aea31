import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  getNamedType,
  isLeafType,
} from 'graphql';
import { Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';

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

  function dummy(type: GraphQLInputType, depth = 0): unknown {
    if (type instanceof GraphQLNonNull) return dummy(type.ofType, depth);
    if (type instanceof GraphQLList) return [dummy(type.ofType, depth)];
    if (type instanceof GraphQLEnumType) return type.getValues()[0]!.value;
    if (type instanceof GraphQLInputObjectType) {
      if (depth > 4) return {};
      return Object.fromEntries(
        Object.values(type.getFields())
          .filter((f) => f.type instanceof GraphQLNonNull)
          .map((f) => [f.name, dummy(f.type, depth + 1)]),
      );
    }
    const scalar = type as GraphQLScalarType;
    switch (scalar.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTime':
        return '2026-11-22T08:00:00.000Z';
      case 'JSON':
        return {};
      default:
        return 'x';
    }
  }

  function call(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
    const required = field.args.filter((a: GraphQLArgument) => a.type instanceof GraphQLNonNull);
    const declarations = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
    return {
      query: `${kind}${declarations ? `(${declarations})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`,
      variables: Object.fromEntries(required.map((a) => [a.name, dummy(a.type)])),
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
        if (response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) internal.push(`${user.roles.join('+')}: ${query} → ${JSON.stringify(response.errors?.[0]?.message)}`);
      }
    }
    expect(internal).toEqual([]);
  });
});
