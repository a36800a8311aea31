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
import { ERROR_CATALOGUE, Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { dummyValue, operationDocument } from '../support/schema-operations.js';
import { type ApiError, splitErrors, toApiErrors, wordError } from '../../apps/web/src/app/api-errors.js';
import { loadCatalog, type MessageKey, translate } from '../../apps/web/src/app/i18n/catalog.js';

interface Path {
  path: string;
  scalar: string;
  /** The input object types along the way, to fill an object the dummy call left out with valid siblings. */
  objects: GraphQLInputType[];
}

/** Paths to every value of the given scalars a call can carry (lists aside): arguments and fields of input objects. */
function scalarPaths(
  type: GraphQLInputType,
  path: string,
  scalars: string[],
  objects: GraphQLInputType[] = [],
): Path[] {
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  if (inner instanceof GraphQLList) return [];
  if (inner instanceof GraphQLInputObjectType) {
    if (objects.length > 2) return [];
    return Object.values(inner.getFields()).flatMap((f) =>
      scalarPaths(f.type, `${path}.${f.name}`, scalars, [...objects, inner]),
    );
  }
  const name = (inner as GraphQLScalarType).name;
  return scalars.includes(name) ? [{ path, scalar: name, objects }] : [];
}

function setPath(target: Record<string, any>, { path, objects }: Path, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  keys.slice(0, -1).forEach((key, i) => (node = node[key] ??= dummyValue(objects[i]) as Record<string, any>));
  node[keys.at(-1)!] = value;
}

/** The paths an error names: `extensions.field` and, for an input with several problems, each problem's field. */
function namedFields(error: { extensions?: Record<string, any> }): string[] {
  const problems = (error.extensions?.problems ?? []) as { field: string }[];
  return [error.extensions?.field, ...problems.map((p) => p.field)].filter((f): f is string => typeof f === 'string');
}

/**
 * What care staff meet when a form goes wrong: every number the api takes, written the way spreadsheets and JSON
 * clients write it (exponent form, huge, negative zero, tiny), is refused as BAD_USER_INPUT naming the field or
 * accepted, never an internal error; and no api error with a field path reaches the screen through the web app's
 * error wording, in Swedish or English.
 */
describe('form input errors', () => {
  let api: TestApi;
  let everyone: TestUser;
  /** Every error a hostile call got back, to run through the web app's wording. */
  const seen: { sv: ApiError[]; en: ApiError[] } = { sv: [], en: [] };

  beforeAll(async () => {
    api = await createTestApi();
    // Every role at once, so no call stops at a role check before its input is read.
    everyone = await createUser(api, 'Noden', Object.values(Role), 'everyone');
    await loadCatalog('en');
  });
  afterAll(() => api.close());

  function operations(): { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] {
    const { schema } = api.app.get(GraphQLSchemaHost);
    return [
      ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
      ...Object.values(schema.getMutationType()!.getFields())
        .filter((field) => !['login', 'changePassword', 'completeSetup'].includes(field.name))
        .map((field) => ({ kind: 'mutation' as const, field })),
    ];
  }

  async function send(
    kind: 'query' | 'mutation',
    field: GraphQLField<unknown, unknown>,
    target: Path,
    value: unknown,
    lang: 'sv' | 'en' = 'sv',
  ) {
    const argName = target.path.split('.')[0];
    const args = field.args.filter((a) => a.type instanceof GraphQLNonNull || a.name === argName);
    const variables: Record<string, any> = Object.fromEntries(
      args.filter((a) => a.type instanceof GraphQLNonNull).map((a) => [a.name, dummyValue(a.type)]),
    );
    setPath(variables, target, value);
    const response = await api.gql(operationDocument(kind, field, args), variables, {
      token: everyone.token,
      headers: { 'accept-language': lang },
    });
    seen[lang].push(...toApiErrors(response.errors));
    return response;
  }

  it('every number: exponent form, huge, negative zero and tiny values are refused naming the field, or accepted', async () => {
    const HOSTILE: Record<string, number[]> = {
      Float: [1e-7, 1e308, -1e308, -0, 5e-324, 123456789.123456],
      Int: [1e-7, 2 ** 53, -(2 ** 31) - 1, -0, 1e21],
    };
    const internal: string[] = [];
    const unnamed: string[] = [];
    let checked = 0;
    for (const { kind, field } of operations()) {
      for (const arg of field.args) {
        for (const target of scalarPaths(arg.type, arg.name, ['Int', 'Float'])) {
          for (const value of HOSTILE[target.scalar]) {
            checked++;
            const response = await send(kind, field, target, value);
            const label = `${field.name} ${target.path}=${Object.is(value, -0) ? '-0' : value}`;
            for (const error of response.errors ?? []) {
              const code = error.extensions?.code;
              if (code === 'INTERNAL_SERVER_ERROR' || response.status >= 500)
                internal.push(`${label}: ${error.message}`);
              // Refused for its value (not for an unrelated dummy): then the error names this very path.
              if (
                code === 'BAD_USER_INPUT' &&
                String(error.message).includes('Int cannot represent') &&
                !namedFields(error).includes(target.path)
              )
                unnamed.push(`${label}: ${JSON.stringify(namedFields(error))}`);
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(internal).toEqual([]);
    expect(unnamed).toEqual([]);
  });

  it('a money field in exponent form or out of range names the field (createCallOff, createProcurement, updateProcurement)', async () => {
    const cases: [string, string][] = [
      ['createCallOff', 'input.valueSek'],
      ['createProcurement', 'input.estimatedValueSek'],
      ['updateProcurement', 'input.estimatedValueSek'],
    ];
    const { schema } = api.app.get(GraphQLSchemaHost);
    for (const [name, path] of cases) {
      const field = schema.getMutationType()!.getFields()[name];
      const [target] = scalarPaths(field.args.find((a) => a.name === 'input')!.type, 'input', ['Float']).filter(
        (p) => p.path === path,
      );
      for (const [value, constraint] of [
        [1e-7, 'maxDecimalPlaces'],
        [0.005, 'maxDecimalPlaces'],
        [1e308, 'max'],
        [-1e-7, 'min'],
      ] as const) {
        const response = await send('mutation', field, target, value);
        const error = response.errors?.[0];
        expect({ name, value, code: error?.extensions?.code }).toEqual({ name, value, code: 'BAD_USER_INPUT' });
        const problems = error!.extensions.problems as { field: string; constraint: string }[];
        expect(problems).toContainEqual(expect.objectContaining({ field: path, constraint }));
      }
      // 1e3 is a thousand, however it is written; -0 is zero: both pass the number checks.
      for (const value of [1e3, -0, 12.5]) {
        const response = await send('mutation', field, target, value);
        expect(response.errors?.flatMap(namedFields) ?? []).not.toContain(path);
      }
    }
  });

  it('reports every problem of an input at once (reportNeed sent empty)', async () => {
    const response = await api.gql(
      `mutation($input: ReportNeedInput!) { reportNeed(input: $input) { id } }`,
      {
        input: {
          title: ' ',
          description: '',
          targetGroup: 'STAFF',
          setting: 'HOME_CARE',
          source: 'STAFF',
          estimatedPeopleAffected: -1,
        },
      },
      { token: everyone.token },
    );
    const error = response.errors![0];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.problems).toEqual([
      expect.objectContaining({ field: 'input.title', constraint: 'isNotEmpty' }),
      expect.objectContaining({ field: 'input.description', constraint: 'isNotEmpty' }),
      expect.objectContaining({ field: 'input.estimatedPeopleAffected', constraint: 'min', limit: 0 }),
    ]);
    const words = (key: MessageKey, params?: Record<string, string | number>) => translate('sv', key, params);
    expect(
      splitErrors(toApiErrors(response.errors as never), ['title', 'description', 'estimatedPeopleAffected'], words, {
        title: { label: 'Rubrik', required: 'Skriv en rubrik.' },
        description: { label: 'Beskrivning' },
        estimatedPeopleAffected: { label: 'Ungefär hur många berörs?' },
      }).byField,
    ).toEqual({
      title: 'Skriv en rubrik.',
      description: 'Fyll i ”Beskrivning”.',
      estimatedPeopleAffected: '”Ungefär hur många berörs?” måste vara minst 0.',
    });
  });

  it('empty and overlong texts in every operation: each error the api gives is worded without its path', async () => {
    for (const lang of ['sv', 'en'] as const)
      for (const { kind, field } of operations())
        for (const arg of field.args)
          for (const target of scalarPaths(arg.type, arg.name, ['String']))
            for (const value of ['', 'x'.repeat(10_001)]) await send(kind, field, target, value, lang);
    expect(seen.sv.filter((e) => e.field).length).toBeGreaterThan(100);
    const raw: string[] = [];
    for (const lang of ['sv', 'en'] as const) {
      const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
      for (const error of seen[lang]) {
        if (!error.field) continue;
        for (const words of [undefined, { label: 'Rubrik' }]) {
          const shown = wordError(error, t, words);
          if (shown.includes(error.field) || /\b(input|args)\./.test(shown))
            raw.push(`${lang} ${error.reason}: ${shown}`);
        }
      }
    }
    expect([...new Set(raw)]).toEqual([]);
  });

  it('no error the api defines shows a field path through the web app, in Swedish or English', async () => {
    expect(ERROR_CATALOGUE.size).toBeGreaterThan(60);
    const raw: string[] = [];
    const FIELD = 'input.successCriteria.0.targetValue';
    for (const [reason, spec] of ERROR_CATALOGUE) {
      for (const lang of ['sv', 'en'] as const) {
        const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
        // Every {param} filled as the api would, the field's among them.
        const message = spec[lang].replace(/\{(\w+)\}/g, (_whole, key: string) =>
          key === 'field' ? FIELD : key === 'problemEn' || key === 'problem' ? 'must not be empty' : 'X',
        );
        const error: ApiError = { message, code: spec.code, reason, field: FIELD };
        for (const words of [undefined, { label: 'Målvärde' }]) {
          const shown = wordError(error, t, words);
          if (shown.includes(FIELD) || /\b(input|args)\./.test(shown)) raw.push(`${lang} ${reason}: ${shown}`);
        }
      }
    }
    expect(raw).toEqual([]);
  });
});
