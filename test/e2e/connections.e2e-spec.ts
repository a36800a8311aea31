import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type GraphQLField, GraphQLNonNull, GraphQLObjectType, getNamedType } from 'graphql';
import { Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, reportNeed } from '../support/needs-builders.js';

/** Every list is a connection, and every connection answers `totalCount` with the number of matching items. */
/** Valid values for connections whose arguments are required. */
const REQUIRED_ARGUMENTS: Record<string, Record<string, unknown>> = {
  knowledgeSearch: { query: 'larm' },
};

describe('connections', () => {
  let api: TestApi;
  let admin: TestUser;
  let coach: TestUser;
  let steering: TestUser;

  beforeAll(async () => {
    api = await createTestApi();
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN, Role.NODE_STAFF], 'admin');
    steering = await createUser(api, '0482', [Role.STEERING_MEMBER, Role.MUNICIPALITY_COORDINATOR], 'steering');
    coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
    for (let i = 0; i < 3; i++) await reportNeed(api, coach, { title: `Behov nummer ${i} i Flen` });
  });
  afterAll(() => api.close());

  function connectionFieldsOfQuery(): GraphQLField<unknown, unknown>[] {
    const { schema } = api.app.get(GraphQLSchemaHost);
    return Object.values(schema.getQueryType()!.getFields()).filter((field) => {
      const type = getNamedType(field.type);
      return type instanceof GraphQLObjectType && type.name.endsWith('Connection') && 'totalCount' in type.getFields();
    });
  }

  it('every Connection type of the schema is reachable from Query (so the next test covers it)', () => {
    const { schema } = api.app.get(GraphQLSchemaHost);
    const connectionTypes = Object.values(schema.getTypeMap())
      .filter(
        (type): type is GraphQLObjectType => type instanceof GraphQLObjectType && type.name.endsWith('Connection'),
      )
      .map((type) => type.name)
      .sort();
    const reached = new Set(connectionFieldsOfQuery().map((field) => getNamedType(field.type).name));
    expect(connectionTypes.length).toBeGreaterThanOrEqual(10);
    expect(connectionTypes.filter((name) => !reached.has(name))).toEqual([]);
  });

  it('answers totalCount on every connection of Query, with nodes and pageInfo beside it', async () => {
    const fields = connectionFieldsOfQuery();
    const failures: string[] = [];
    for (const field of fields) {
      const required = field.args.filter((arg) => arg.type instanceof GraphQLNonNull && arg.defaultValue === undefined);
      // Connections that need an argument get a valid one here; a new one must be added to REQUIRED_ARGUMENTS.
      const missing = required.filter((arg) => REQUIRED_ARGUMENTS[field.name]?.[arg.name] === undefined);
      expect(missing.map((arg) => `${field.name}(${arg.name})`)).toEqual([]);
      const args = required.map((arg) => `${arg.name}: ${JSON.stringify(REQUIRED_ARGUMENTS[field.name][arg.name])}`);
      const query = `{ ${field.name}(${[...args, 'first: 1'].join(', ')}) { totalCount nodes { __typename } pageInfo { hasNextPage } } }`;
      let response = await api.gql(query, undefined, { token: admin.token });
      // A few lists belong to a role node staff do not hold (the steering group's review queue).
      if (response.errors?.[0]?.extensions.code === 'FORBIDDEN')
        response = await api.gql(query, undefined, { token: steering.token });
      const connection = response.data?.[field.name];
      if (response.errors || typeof connection?.totalCount !== 'number') {
        failures.push(`${field.name}: ${JSON.stringify(response.errors ?? connection)}`);
        continue;
      }
      expect(connection.pageInfo.hasNextPage).toBe(connection.totalCount > 1);
      expect(connection.nodes.length).toBe(Math.min(connection.totalCount, 1));
    }
    expect(failures).toEqual([]);
    expect(fields.length).toBeGreaterThanOrEqual(10);
  });

  it('counts everything that matches the filter, not only the page, in one extra statement', async () => {
    const all = await api.gql(`{ needs(first: 100) { totalCount nodes { id } } }`, undefined, { token: admin.token });
    expect(all.data!.needs.totalCount).toBe(all.data!.needs.nodes.length);
    expect(all.data!.needs.totalCount).toBeGreaterThanOrEqual(3);

    const needId = all.data!.needs.nodes[0].id;
    expect((await changeStatus(api, admin, needId, 'TRIAGED')).errors).toBeUndefined();
    const page = await api.gql(`{ needs(first: 1, statuses: [NEW]) { totalCount nodes { id } } }`, undefined, {
      token: admin.token,
    });
    expect(page.data!.needs.nodes).toHaveLength(1);
    expect(page.data!.needs.totalCount).toBe(all.data!.needs.totalCount - 1);

    const withoutCount = await api.gql(`{ needs(first: 1, statuses: [NEW]) { nodes { id } } }`, undefined, {
      token: admin.token,
    });
    expect(page.sqlStatements).toBe(withoutCount.sqlStatements + 1);
  });

  it('counts only what the caller may see', async () => {
    const otherCoach = await createUser(api, '0483', [Role.TECH_COACH], 'coach-katrineholm');
    const mine = await api.gql(`{ myNeeds(first: 1) { totalCount } }`, undefined, { token: coach.token });
    expect(mine.data!.myNeeds.totalCount).toBe(3);
    const theirs = await api.gql(`{ myNeeds(first: 1) { totalCount } }`, undefined, { token: otherCoach.token });
    expect(theirs.data!.myNeeds.totalCount).toBe(0);
  });
});
