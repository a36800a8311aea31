import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type GraphQLField,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLScalarType,
} from 'graphql';
import { Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { dummyValue, operationDocument } from '../support/schema-operations.js';

/**
 * `extensions.field` is the path of the offending value as the client sent it: a top-level argument is named by
 * itself (`title`), a field inside an input object by its path (`input.title`). Checked for every operation.
 */
describe('errors name the field by the path the client used', () => {
  let api: TestApi;
  let admin: TestUser;
  let coach: TestUser;

  beforeAll(async () => {
    api = await createTestApi();
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN, Role.NODE_STAFF], 'admin');
    coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
  });
  afterAll(() => api.close());

  const dummy = (type: GraphQLInputType) => dummyValue(type, 'Trygghetslarm');

  interface StringPath {
    path: string;
    /** The input object types along the way, to fill an object the dummy call left out with valid siblings. */
    objects: GraphQLInputType[];
  }

  /** Paths to every String value a call can carry (lists aside): top-level arguments and the fields of input objects. */
  function stringPaths(type: GraphQLInputType, path: string, objects: GraphQLInputType[] = []): StringPath[] {
    const inner = type instanceof GraphQLNonNull ? type.ofType : type;
    if (inner instanceof GraphQLList) return [];
    if (inner instanceof GraphQLInputObjectType) {
      if (objects.length > 2) return [];
      return Object.values(inner.getFields()).flatMap((f) =>
        stringPaths(f.type, `${path}.${f.name}`, [...objects, inner]),
      );
    }
    return (inner as GraphQLScalarType).name === 'String' ? [{ path, objects }] : [];
  }

  function setPath(target: Record<string, any>, { path, objects }: StringPath, value: unknown): void {
    const keys = path.split('.');
    let node = target;
    keys.slice(0, -1).forEach((key, i) => (node = node[key] ??= dummy(objects[i]) as Record<string, any>));
    node[keys.at(-1)!] = value;
  }

  function operations(): { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] {
    const { schema } = api.app.get(GraphQLSchemaHost);
    return [
      ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
      ...Object.values(schema.getMutationType()!.getFields())
        .filter((field) => field.name !== 'login' && field.name !== 'changePassword')
        .map((field) => ({ kind: 'mutation' as const, field })),
    ];
  }

  function document(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, argNames: string[]): string {
    return operationDocument(
      kind,
      field,
      field.args.filter((a) => argNames.includes(a.name)),
    );
  }

  it('a NUL byte in any String is reported at exactly the path it was sent at', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { kind, field } of operations()) {
      const required = field.args.filter((a) => a.type instanceof GraphQLNonNull && a.defaultValue === undefined);
      const base = Object.fromEntries(required.map((a) => [a.name, dummy(a.type)]));
      for (const arg of field.args) {
        for (const target of stringPaths(arg.type, arg.name)) {
          const { path } = target;
          const variables = structuredClone(base) as Record<string, any>;
          setPath(variables, target, 'Trygghets\u0000larm');
          const used = [...new Set([...required.map((a) => a.name), arg.name])];
          const response = await api.gql(document(kind, field, used), variables, { token: admin.token });
          const reported = response.errors?.[0]?.extensions;
          checked++;
          // Authorisation comes before validation: a role that may not call it never reaches the value.
          if (reported?.code === 'FORBIDDEN') continue;
          if (reported?.code !== 'BAD_USER_INPUT' || reported.field !== path)
            wrong.push(`${field.name}: sent at ${path}, reported ${reported?.code} at ${reported?.field}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it("any field an error names starts with one of the operation's own arguments", async () => {
    const wrong: string[] = [];
    for (const user of [coach, admin]) {
      for (const { kind, field } of operations()) {
        const required = field.args.filter((a) => a.type instanceof GraphQLNonNull && a.defaultValue === undefined);
        const response = await api.gql(
          document(
            kind,
            field,
            required.map((a) => a.name),
          ),
          Object.fromEntries(required.map((a) => [a.name, dummy(a.type)])),
          { token: user.token },
        );
        for (const error of response.errors ?? []) {
          const named = error.extensions?.field as string | undefined;
          if (named && !field.args.some((a) => named === a.name || named.startsWith(`${a.name}.`)))
            wrong.push(`${field.name}(${field.args.map((a) => a.name).join(', ')}) named ${named}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('similarNeeds names its top-level title as `title`', async () => {
    for (const title of ['Larm\u0000', 'x'.repeat(10_001), '   ']) {
      const response = await api.gql(
        `query($t: String!) { similarNeeds(title: $t) { need { id } } }`,
        { t: title },
        { token: coach.token },
      );
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    }
  });
});
