import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { parse, validate } from 'graphql';
import { createTestApi, type TestApi } from '../support/test-api.js';

/** The README's GraphQL examples are what newcomers copy: each must be valid against the real schema. */
describe('README examples', () => {
  let api: TestApi;
  const examples = [...readFileSync('README.md', 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap((m) =>
    m[1]!
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n')
      .split(/\n(?=query|mutation|\{)/)
      .filter((block) => block.trim()),
  );

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('has examples', () => expect(examples.length).toBeGreaterThanOrEqual(8));

  it('validates each example against the schema', () => {
    const { schema } = api.app.get(GraphQLSchemaHost);
    for (const example of examples) {
      const errors = validate(schema, parse(example)).map((e) => e.message);
      expect({ example, errors }).toEqual({ example, errors: [] });
    }
  });
});
