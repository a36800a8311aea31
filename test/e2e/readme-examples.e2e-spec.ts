import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { parse, validate } from 'graphql';
import { Db, Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, login, TEST_PASSWORD, type TestUser } from '../support/builders.js';
import { reportNeed } from '../support/needs-builders.js';

interface Example {
  text: string;
  /** From a `# as <e-mail>` line before it; the README's first admin otherwise. */
  as?: string;
}

/** The README's GraphQL examples are what newcomers copy: each is valid and works for the user the README created. */
describe('README examples', () => {
  let api: TestApi;
  const readme = readFileSync('README.md', 'utf8');
  const examples: Example[] = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap((m) => {
    const found: Example[] = [];
    let as: string | undefined;
    for (const block of m[1].split(/\n(?=query|mutation|\{|#)/)) {
      const asLine = /^# as (\S+)/.exec(block.trim());
      if (asLine) as = asLine[1];
      const text = block
        .split('\n')
        .filter((line) => !line.trim().startsWith('#'))
        .join('\n');
      if (!text.trim()) continue;
      found.push({ text, as });
      as = undefined;
    }
    return found;
  });
  const users = new Map<string, TestUser>();

  beforeAll(async () => {
    api = await createTestApi();
    // The users the README creates, with the same organisations and roles.
    users.set('admin@noden.se', await createUser(api, 'Noden', [Role.NODE_ADMIN, Role.NODE_STAFF], 'admin'));
    users.set(
      'steering@flen.se',
      await createUser(api, '0482', [Role.STEERING_MEMBER, Role.MUNICIPALITY_COORDINATOR], 'steering'),
    );
  });
  afterAll(() => api.close());

  it('has examples', () => expect(examples.length).toBeGreaterThanOrEqual(8));

  it('creates the users it names with the README cli commands (checked against the usage text)', () => {
    for (const email of users.keys()) expect(readme).toContain(`user:create --email ${email}`);
  });

  it('validates each example against the schema', () => {
    const { schema } = api.app.get(GraphQLSchemaHost);
    for (const { text } of examples) {
      const errors = validate(schema, parse(text)).map((e) => e.message);
      expect({ text, errors }).toEqual({ text, errors: [] });
    }
  });

  it('runs each example without an error for the user it is shown for', async () => {
    const db = api.app.get(Db);
    const placeholders = async (text: string, user: TestUser): Promise<string> => {
      let result = text;
      // "<need id>": a need the README's user has just reported, as they would before asking for its thread.
      if (result.includes('<need id>'))
        result = result.replaceAll(
          '<need id>',
          (await reportNeed(api, { ...user, token: await login(api, user.email) })).id,
        );
      for (const [whole, name] of text.matchAll(/<([^<>']+)'s id>/g)) {
        const [org] = await db.manager.query(`SELECT id FROM organizations WHERE name LIKE $1`, [`${name}%`]);
        result = result.replace(whole, org.id);
      }
      return result;
    };
    for (const example of examples) {
      const email = example.as ?? 'admin@noden.se';
      const user = users.get(email);
      expect({ example: example.text, user: email, known: !!user }).toEqual({
        example: example.text,
        user: email,
        known: true,
      });
      let text = await placeholders(example.text, user!);
      if (text.includes('login('))
        text = text.replace('admin@noden.se', user!.email).replace("<the admin's password>", TEST_PASSWORD);
      const token = text.includes('login(') ? undefined : await login(api, user!.email);
      const response = await api.gql(text, {}, token ? { token } : {});
      expect({ example: example.text, user: email, errors: response.errors }).toEqual({
        example: example.text,
        user: email,
        errors: undefined,
      });
    }
  });
});
