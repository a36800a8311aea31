import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  GraphQLInputObjectType,
  GraphQLObjectType,
  getNamedType,
  isLeafType,
} from 'graphql';
import { Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, organizationByCode, type TestUser } from '../support/builders.js';
import { createProduct } from '../support/followup-builders.js';
import { createSystem } from '../support/catalog-builders.js';
import { mobileAlarmProcurement } from '../support/procurement-builders.js';
import { nightSupervisionPlan } from '../support/testbed-builders.js';

/**
 * An update changes what it is given and nothing else. For every update mutation of the schema: create the
 * thing with every optional field filled, change one field, and compare everything the type shows.
 */

/** Fields that change with every write, whatever was asked. */
const BOOKKEEPING = new Set(['updatedAt', 'version', 'versionCount']);

/** Every field without arguments, objects one level down (lists of objects included). */
function selectionOf(type: GraphQLNamedType, depth = 0): string {
  if (!(type instanceof GraphQLObjectType)) return '';
  const fields = Object.values(type.getFields()).filter((field) => field.args.length === 0 && !field.deprecationReason);
  return fields
    .map((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return field.name;
      if (depth >= 1 || named.name.endsWith('Connection')) return '';
      const inner = selectionOf(named, depth + 1);
      return inner ? `${field.name} { ${inner} }` : '';
    })
    .filter(Boolean)
    .join(' ');
}

/** `{ people: { offered: { women: 3 } } }` as `{ 'people.offered.women': 3 }`, without the paths that may change. */
function without(value: Record<string, unknown>, changes: string[], prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const path = `${prefix}${key}`;
    if (BOOKKEEPING.has(key) || changes.includes(path)) continue;
    if (inner && typeof inner === 'object' && !Array.isArray(inner))
      Object.assign(flat, without(inner as Record<string, unknown>, changes, `${path}.`));
    else flat[path] = inner;
  }
  return flat;
}

interface UpdateCase {
  mutation: string;
  /** The create (or first set) mutation, its input type and input. */
  create: () => Promise<{ mutation: string; inputType: string; input: Record<string, unknown>; token: string }>;
  /** The update's input given the created entity: only the id and the one field that changes. */
  change: (created: Record<string, any>) => Record<string, unknown>;
  /** Paths of the answer that the change may alter (besides bookkeeping), e.g. `people.offered.women`. */
  changes: string[];
}

describe('an update changes only what it is given', () => {
  let api: TestApi;
  let schema: GraphQLSchema;
  let admin: TestUser;
  let staff: TestUser;
  let coordinator: TestUser;
  let contact: TestUser;
  let coach: TestUser;
  let productId: string;

  beforeAll(async () => {
    api = await createTestApi();
    schema = api.app.get(GraphQLSchemaHost).schema;
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN], 'admin');
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    coordinator = await createUser(api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'coordinator');
    contact = await createUser(api, '0484', [Role.TECH_COACH], 'contact');
    coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
    productId = await createProduct(api, staff, 'DIGITAL_SUPERVISION');
  });
  afterAll(() => api.close());

  const cases: UpdateCase[] = [
    {
      mutation: 'updateUser',
      create: async () => ({
        mutation: 'createUser',
        inputType: 'CreateUserInput',
        input: {
          email: `kollega-${Date.now()}@eskilstuna.se`,
          password: 'ett-langt-losenord-1',
          displayName: 'Karin Kollega',
          organizationId: (await organizationByCode(api, '0484')).id,
          roles: ['TECH_COACH', 'VIEWER'],
        },
        token: admin.token,
      }),
      change: (user) => ({ id: user.id, displayName: 'Karin Andersson' }),
      changes: ['displayName'],
    },
    {
      mutation: 'updateTechCoach',
      create: async () => ({
        mutation: 'registerTechCoach',
        inputType: 'RegisterTechCoachInput',
        input: { unit: 'Hemtjänst Norr', setting: 'HOME_CARE', categories: ['DIGITAL_SUPERVISION', 'SAFETY_ALARM'] },
        token: coach.token,
      }),
      change: (techCoach) => ({ coachId: techCoach.id, unit: 'Hemtjänst Söder' }),
      changes: ['unit'],
    },
    {
      mutation: 'updateTestProtocol',
      create: async () => ({
        mutation: 'createTestProtocol',
        inputType: 'CreateTestProtocolInput',
        input: nightSupervisionPlan({ broadRolloutIntended: true }),
        token: coordinator.token,
      }),
      change: (protocol) => ({ id: protocol.id, title: 'Digital nattillsyn, andra omgången' }),
      changes: ['title'],
    },
    {
      mutation: 'updateProcurement',
      create: async () => ({
        mutation: 'createProcurement',
        inputType: 'CreateProcurementInput',
        input: mobileAlarmProcurement({ participationOpensOn: '2026-12-01', participationClosesOn: '2027-01-15' }),
        token: staff.token,
      }),
      change: (procurement) => ({ id: procurement.id, title: 'Mobila trygghetslarm 2027' }),
      changes: ['title'],
    },
    {
      mutation: 'updateImplementation',
      create: async () => ({
        mutation: 'recordImplementation',
        inputType: 'RecordImplementationInput',
        input: {
          productId,
          setting: 'HOME_CARE',
          status: 'BROAD_ROLLOUT',
          goLiveOn: '2026-10-01',
          responsibleUserId: contact.id,
          people: {
            offered: { women: 12, men: 8, otherOrUnknown: 1 },
            accepted: { women: 9, men: 5, otherOrUnknown: 1 },
            declined: { women: 3, men: 3, otherOrUnknown: 0 },
          },
          checklist: {
            routines: { done: true, comment: 'Rutin för larmhantering antagen i september' },
            staffTraining: { done: true },
          },
        },
        token: coordinator.token,
      }),
      change: (implementation) => ({ id: implementation.id, setting: 'SPECIAL_HOUSING' }),
      changes: ['setting'],
    },
    {
      mutation: 'updateImplementation',
      create: async () => ({
        mutation: 'recordImplementation',
        inputType: 'RecordImplementationInput',
        input: {
          productId,
          setting: 'HOME_CARE',
          goLiveOn: '2026-10-01',
          responsibleUserId: contact.id,
          people: {
            offered: { women: 12, men: 8, otherOrUnknown: 1 },
            accepted: { women: 9, men: 5, otherOrUnknown: 1 },
            declined: { women: 3, men: 3, otherOrUnknown: 0 },
          },
        },
        token: coordinator.token,
      }),
      // Two more women offered: the men, the others and the other groups stay as counted.
      change: (implementation) => ({ id: implementation.id, people: { offered: { women: 14 } } }),
      changes: ['people.offered.women', 'people.offered.total'],
    },
    {
      mutation: 'updateArticle',
      create: async () => ({
        mutation: 'createArticle',
        inputType: 'CreateArticleInput',
        input: {
          kind: 'LESSON',
          title: 'Nattillsyn med kamera i Eskilstuna',
          summary: 'Vad vi lärde oss första halvåret.',
          body: 'Informera anhöriga tidigt och pröva kameran i dagsljus först.',
          sourceType: 'SINGLE_SITE_EXPERIENCE',
          categories: ['DIGITAL_SUPERVISION'],
        },
        token: coordinator.token,
      }),
      change: (article) => ({ id: article.id, title: 'Nattillsyn med kamera: första halvåret' }),
      changes: ['title'],
    },
    {
      mutation: 'updateIdentityProvider',
      create: async () => ({
        mutation: 'createIdentityProvider',
        inputType: 'CreateIdentityProviderInput',
        input: {
          organizationId: (await organizationByCode(api, '0482')).id,
          kind: 'OIDC',
          displayName: 'Flens kommun',
          issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
          clientId: 'noden-flen',
          clientSecretRef: 'env:NODEN_IDP_FLEN_SECRET',
          scopes: ['openid', 'profile', 'email'],
          subjectClaim: 'oid',
          allowedTenantIds: ['11111111-2222-3333-4444-555555555555'],
        },
        token: admin.token,
      }),
      change: (provider) => ({ id: provider.id, displayName: 'Flens kommun (Entra ID)' }),
      changes: ['displayName'],
    },
    {
      mutation: 'setOrganizationSystem',
      create: async () => {
        const systemId = await createSystem(api, staff, 'ALARM_RECEIVER', `Larmcentral ${Date.now()}`, ['4', '5']);
        return {
          mutation: 'setOrganizationSystem',
          inputType: 'SetOrganizationSystemInput',
          input: {
            organizationId: coordinator.organizationId,
            systemId,
            version: '4',
            inUseSince: '2024-03-01',
            note: 'Driftas av regionen',
          },
          token: coordinator.token,
        };
      },
      change: (entry) => ({
        organizationId: coordinator.organizationId,
        systemId: entry.system?.id ?? entry.systemId,
        version: '5',
      }),
      changes: ['version'],
    },
  ];

  it('covers every update mutation of the schema', () => {
    const updates = Object.keys(schema.getMutationType()!.getFields()).filter((name) => /^update[A-Z]/.test(name));
    expect(updates.filter((name) => !cases.some((c) => c.mutation === name))).toEqual([]);
  });

  it('no update input (nor any input inside one) has a default value that would fill a field left out', () => {
    const seen = new Set<string>();
    const defaults: string[] = [];
    const visit = (type: GraphQLInputType, path: string) => {
      const named = getNamedType(type);
      if (!(named instanceof GraphQLInputObjectType) || seen.has(named.name)) return;
      seen.add(named.name);
      for (const field of Object.values(named.getFields())) {
        if (field.defaultValue !== undefined)
          defaults.push(`${path}.${field.name} (${named.name}) = ${JSON.stringify(field.defaultValue)}`);
        visit(field.type, `${path}.${field.name}`);
      }
    };
    for (const mutation of new Set(cases.map((c) => c.mutation))) {
      for (const arg of schema.getMutationType()!.getFields()[mutation].args)
        visit(arg.type, `${mutation}(${arg.name})`);
    }
    expect(defaults).toEqual([]);
  });

  it.each(cases.map((c, i) => [`${c.mutation} (${c.changes[0]})`, i] as const))(
    '%s leaves every other field as it was',
    async (_name, index) => {
      const testCase = cases[index];
      const create = await testCase.create();
      const returnType = getNamedType(schema.getMutationType()!.getFields()[testCase.mutation].type);
      const createdType = getNamedType(schema.getMutationType()!.getFields()[create.mutation].type);
      expect(createdType.name).toBe(returnType.name);
      const selection = selectionOf(returnType);
      const created = await api.gql(
        `mutation($i: ${create.inputType}!) { ${create.mutation}(input: $i) { ${selection} } }`,
        { i: create.input },
        { token: create.token },
      );
      expect(created.errors).toBeUndefined();
      const before = created.data![create.mutation];

      const mutations = schema.getMutationType()!.getFields();
      const updateInputType = mutations[testCase.mutation].args.find((arg) => arg.name === 'input')!.type.toString();
      const updated = await api.gql(
        `mutation($i: ${updateInputType}) { ${testCase.mutation}(input: $i) { ${selection} } }`,
        { i: testCase.change(before) },
        { token: create.token },
      );
      expect(updated.errors).toBeUndefined();
      const after = updated.data![testCase.mutation];

      expect(without(after, testCase.changes)).toEqual(without(before, testCase.changes));
      expect(after).not.toEqual(before);
    },
  );
});
