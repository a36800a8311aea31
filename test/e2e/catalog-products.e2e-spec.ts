import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { createTestApi, errorCode, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';

const CREATE_SUPPLIER = `mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { id name } }`;
const CREATE_PRODUCT = `mutation($i: CreateProductInput!) { createProduct(input: $i) { id name currentVersion category { key } supplier { name } versions { version } } }`;

describe('catalogue: categories, suppliers, products', () => {
  let api: TestApi;
  let staff: TestUser;
  let coach: TestUser;

  beforeAll(async () => {
    api = await createTestApi();
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    coach = await createUser(api, '0428', [Role.TECH_COACH], 'coach');
  });
  afterAll(() => api.close());

  it('lists the seeded technology categories with labels and national priorities', async () => {
    const response = await api.gql(
      `{ technologyCategories { key labelSv labelEn nationalPriority } }`,
      {},
      { token: coach.token },
    );
    const categories = response.data?.technologyCategories as { key: string; nationalPriority: boolean }[];
    expect(categories).toHaveLength(14);
    expect(
      categories
        .filter((c) => c.nationalPriority)
        .map((c) => c.key)
        .sort(),
    ).toEqual(['DIGITAL_LOCK', 'DIGITAL_SUPERVISION', 'GPS_ALARM', 'MEDICATION_DISPENSER']);
  });

  it('lets node staff add suppliers and products with versions; the highest version is current', async () => {
    const supplier = await api.gql(
      CREATE_SUPPLIER,
      { i: { name: `Tunstall ${Date.now()}`, organizationNumber: '556677-8899' } },
      { token: staff.token },
    );
    expect(supplier.errors).toBeUndefined();
    const product = await api.gql(
      CREATE_PRODUCT,
      {
        i: {
          category: 'SAFETY_ALARM',
          supplierId: supplier.data?.createSupplier.id,
          name: 'Lifeline',
          model: 'Digital',
          versions: [{ version: '2.10' }, { version: '2.9' }],
        },
      },
      { token: staff.token },
    );
    expect(product.errors).toBeUndefined();
    expect(product.data?.createProduct).toMatchObject({
      currentVersion: '2.10',
      category: { key: 'SAFETY_ALARM' },
      versions: [{ version: '2.9' }, { version: '2.10' }],
    });
    const again = await api.gql(
      CREATE_PRODUCT,
      {
        i: {
          category: 'SAFETY_ALARM',
          supplierId: supplier.data?.createSupplier.id,
          name: 'lifeline',
          model: 'digital',
        },
      },
      { token: staff.token },
    );
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('refuses a coach (FORBIDDEN), unknown references (NOT_FOUND) and bad versions (BAD_USER_INPUT)', async () => {
    expect(errorCode(await api.gql(CREATE_SUPPLIER, { i: { name: 'X' } }, { token: coach.token }))).toBe('FORBIDDEN');
    const unknownCategory = await api.gql(
      CREATE_PRODUCT,
      { i: { category: 'TELEPORTER', supplierId: '00000000-0000-4000-8000-000000000000', name: 'X' } },
      { token: staff.token },
    );
    expect(errorCode(unknownCategory)).toBe('NOT_FOUND');
    expect(unknownCategory.errors?.[0]?.extensions.field).toBe('input.category');
    const badVersion = await api.gql(
      CREATE_PRODUCT,
      {
        i: {
          category: 'GPS_ALARM',
          supplierId: '00000000-0000-4000-8000-000000000000',
          name: 'X',
          versions: [{ version: 'latest' }],
        },
      },
      { token: staff.token },
    );
    expect(errorCode(badVersion)).toBe('BAD_USER_INPUT');
    expect(badVersion.errors?.[0]?.extensions.field).toBe('input.versions.0.version');
  });

  it('pages products with a constant number of SQL statements', async () => {
    const supplier = await api.gql(CREATE_SUPPLIER, { i: { name: `Bulk ${Date.now()}` } }, { token: staff.token });
    for (let i = 0; i < 12; i++) {
      await api.gql(
        CREATE_PRODUCT,
        {
          i: {
            category: 'GPS_ALARM',
            supplierId: supplier.data?.createSupplier.id,
            name: `Gps ${i}`,
            versions: [{ version: `1.${i}` }],
          },
        },
        { token: staff.token },
      );
    }
    const query = `query($after: String, $first: Int) { products(category: "GPS_ALARM", first: $first, after: $after) { nodes { name category { key } supplier { name } versions { version } } pageInfo { hasNextPage endCursor } } }`;
    const small = await api.gql(query, { first: 2 }, { token: coach.token });
    const large = await api.gql(query, { first: 10 }, { token: coach.token });
    expect(large.data?.products.nodes).toHaveLength(10);
    expect(large.sqlStatements).toBe(small.sqlStatements);
    // The catalogue page as a list shows it: the user's read, the category key, the page with category and supplier.
    const listPage = await api.gql(
      `{ products(category: "GPS_ALARM", first: 50) { nodes { id name category { key labelSv } supplier { name } } } }`,
      {},
      { token: coach.token },
    );
    expect(listPage.sqlStatements).toBeLessThanOrEqual(3);
    for (const node of listPage.data!.products.nodes)
      expect(node).toMatchObject({ category: { key: 'GPS_ALARM' }, supplier: { name: expect.any(String) } });
    const unfiltered = await api.gql(
      `{ products(first: 50) { nodes { id category { key } supplier { name } } } }`,
      {},
      { token: coach.token },
    );
    expect(unfiltered.sqlStatements).toBeLessThanOrEqual(2);
    const next = await api.gql(
      query,
      { first: 10, after: large.data?.products.pageInfo.endCursor },
      { token: coach.token },
    );
    expect(next.data?.products.nodes.length).toBeGreaterThanOrEqual(2);
    const names = [...large.data!.products.nodes, ...next.data!.products.nodes].map((p: { name: string }) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
