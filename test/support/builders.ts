import { randomUUID } from 'node:crypto';
import { Db, Organization, PasswordHasher, Role } from '#core';
import type { TestApi } from './test-api.js';

export const TEST_PASSWORD = 'Testlösenord-123!';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  organizationId: string;
  roles: Role[];
  token: string;
}

export async function organizationByCode(api: TestApi, codeOrName: string): Promise<Organization> {
  const db = api.app.get(Db);
  const org = await db.manager
    .createQueryBuilder(Organization, 'o')
    .where('o.code = :v OR o.name = :v OR o.short_name = :v', { v: codeOrName })
    .getOne();
  if (!org) throw new Error(`no test organisation ${codeOrName}`);
  return org;
}

/**
 * A user in the organisation with the roles, logged in through the API.
 * `org` is an SCB code ('0482' Flen), a name, or 'Noden' for the node itself.
 */
export async function createUser(api: TestApi, org: string, roles: Role[], label = 'user'): Promise<TestUser> {
  const organization = await organizationByCode(api, org);
  const email = `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 8)}@test.noden.se`;
  const db = api.app.get(Db);
  const hash = await (passwordHash ??= PasswordHasher.hash(TEST_PASSWORD));
  const [{ id }] = await db.manager.query(
    `INSERT INTO users (organization_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
    [organization.id, email, `${label} (${organization.shortName ?? organization.name})`, hash],
  );
  for (const role of roles)
    await db.manager.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [id, role]);
  const token = await login(api, email);
  return { id, email, organizationId: organization.id, roles, token };
}

export async function login(api: TestApi, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await api.gql<{ login: { accessToken: string } }>(
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
    { e: email, p: password },
  );
  if (!response.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(response.errors)}`);
  return response.data.login.accessToken;
}

export const Roles = Role;
