import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';
import { printApiSchema, SCHEMA_FILE } from '../../apps/api/src/schema-file.js';
import { createTestApi, type TestApi } from '../support/test-api.js';

/** The web app is typed from the committed schema: it must be exactly what the code serves. */
describe('committed schema.graphql', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('equals the schema the code serves (run `npm run schema` after changing the api)', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    const served = printApiSchema(api.app.get(GraphQLSchemaHost).schema);
    if (committed === served) return;
    const breaking = findBreakingChanges(buildSchema(committed), buildSchema(served)).map(
      (c) => `BREAKING ${c.type}: ${c.description}`,
    );
    const dangerous = findDangerousChanges(buildSchema(committed), buildSchema(served)).map(
      (c) => `DANGEROUS ${c.type}: ${c.description}`,
    );
    expect({ breaking, dangerous, differs: true }).toEqual({ breaking: [], dangerous: [], differs: false });
  });
});
