import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db } from './db.service.js';
import { getPlainMany } from './plain-rows.js';
import { Organization } from '../organizations/organization.entity.js';
import { User } from '../organizations/user.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { Role } from '../auth/role.js';
import { createTestApi, type TestApi } from '../../../../test/support/test-api.js';
import { createUser } from '../../../../test/support/builders.js';

/** Plain rows must give exactly what TypeORM's transformer gives, or hot lists would answer differently. */
describe('getPlainMany (Postgres)', () => {
  let api: TestApi;
  let db: Db;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(Db);
    await createUser(api, '0482', [Role.TECH_COACH], 'plain-a');
    await createUser(api, 'Noden', [Role.NODE_STAFF], 'plain-b');
  });
  afterAll(() => api.close());

  it('builds the same entities, joined rows included, as getMany', async () => {
    const query = () =>
      db.manager
        .createQueryBuilder(User, 'u')
        .leftJoinAndMapOne('u.pagedOrganization', Organization, 'o', 'o.id = u.organization_id')
        .orderBy('u.email')
        .limit(50);
    const plain = await getPlainMany(query());
    const typeorm = await query().getMany();
    expect(plain.length).toBeGreaterThanOrEqual(2);
    expect(plain).toEqual(typeorm);
    expect(plain[0]).toBeInstanceOf(User);
    expect((plain[0] as User & { pagedOrganization: Organization }).pagedOrganization).toBeInstanceOf(Organization);
    expect(
      plain.some((u) => (u as User & { pagedOrganization: Organization }).pagedOrganization.aliases.length >= 0),
    ).toBe(true);
  });

  it('falls back to TypeORM for columns that need its conversion (jsonb)', async () => {
    const query = () => db.manager.createQueryBuilder(AuditEntry, 'a').orderBy('a.id').limit(5);
    expect(await getPlainMany(query())).toEqual(await query().getMany());
  });
});
