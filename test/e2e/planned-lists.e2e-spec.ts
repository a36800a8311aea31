import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, reportNeed } from '../support/needs-builders.js';
import { createProduct, createSupplier } from '../support/catalog-builders.js';
import { followUpActors, recordImplementation } from '../support/followup-builders.js';
import { createTestApi, type TestApi } from '../support/test-api.js';

/**
 * The planned list path (one prepared statement with only the asked-for columns and joins) answers exactly what the
 * general path (entities, field resolvers) answers: the same rows, order, timestamps, relations, visibility and
 * cursors, whichever path wrote the cursor.
 */
describe('planned list pages', () => {
  let api: TestApi;
  let staff: TestUser;
  let gnestaCoach: TestUser;
  let vingakerCoach: TestUser;
  const marker = `Plan${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    api = await createTestApi();
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    gnestaCoach = await createUser(api, '0461', [Role.TECH_COACH], 'gnesta');
    vingakerCoach = await createUser(api, '0428', [Role.TECH_COACH], 'vingaker');
    const published: string[] = [];
    for (let i = 0; i < 3; i++) {
      const need = await reportNeed(api, gnestaCoach, {
        title: `${marker} larm ${i}`,
        category: i === 0 ? null : 'GPS_ALARM',
        estimatedPeopleAffected: 10 - i,
      });
      api.clock.advance(60_000);
      if (i < 2) published.push(need.id);
    }
    for (const id of published) expect((await changeStatus(api, staff, id, 'TRIAGED')).errors).toBeUndefined();
    await reportNeed(api, vingakerCoach, { title: `${marker} egen` });
  });
  afterAll(() => api.close());

  const NEED_COLUMNS = `id title status endorsementCount peopleAffected createdAt publishedAt statusChangedAt
    organization { name code } category { key labelSv }`;
  // `endorsedByMyOrganization` has a field resolver: the page takes the general path.
  const needsQuery = (
    fields: string,
  ) => `query($q: String, $first: Int, $after: String, $sort: NeedSort, $statuses: [NeedStatus!]) {
    needs(search: $q, first: $first, after: $after, sort: $sort, statuses: $statuses) {
      totalCount nodes { ${fields} } edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;

  it('gives the same needs, visibility and cursors as the general path', async () => {
    for (const sort of ['NEWEST', 'MOST_SHARED']) {
      const variables = { q: marker, first: 10, sort };
      const planned = await api.gql(needsQuery(NEED_COLUMNS), variables, { token: vingakerCoach.token });
      const general = await api.gql(needsQuery(`${NEED_COLUMNS} endorsedByMyOrganization`), variables, {
        token: vingakerCoach.token,
      });
      expect(planned.errors).toBeUndefined();
      expect(general.errors).toBeUndefined();
      // Vingåker sees Gnesta's two published needs and its own, not Gnesta's unpublished one.
      expect(planned.data?.needs.totalCount).toBe(3);
      expect(planned.data?.needs.nodes.map((n: { title: string }) => n.title).sort()).toEqual(
        [`${marker} egen`, `${marker} larm 0`, `${marker} larm 1`].sort(),
      );
      const withoutResolved = general.data!.needs.nodes.map(
        ({ endorsedByMyOrganization: _e, ...need }: Record<string, unknown>) => need,
      );
      expect(planned.data?.needs.nodes).toEqual(withoutResolved);
      expect(planned.data?.needs.edges).toEqual(general.data?.needs.edges);
      expect(planned.data?.needs.pageInfo).toEqual(general.data?.needs.pageInfo);
      expect(planned.data?.needs.nodes[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const gnesta = planned.data!.needs.nodes.find((n: { title: string }) => n.title === `${marker} larm 1`);
      expect(gnesta).toMatchObject({ organization: { code: '0461' }, category: { key: 'GPS_ALARM' } });
      expect(planned.data!.needs.nodes.find((n: { title: string }) => n.title === `${marker} larm 0`).category).toBe(
        null,
      );
    }
  });

  it('pages through either path with the other path’s cursors, one statement a page whatever its size', async () => {
    const token = vingakerCoach.token;
    const one = await api.gql(needsQuery('id'), { q: marker, first: 1 }, { token });
    const fifty = await api.gql(needsQuery('id'), { q: marker, first: 50 }, { token });
    expect(one.sqlStatements).toBe(fifty.sqlStatements);
    const all = fifty.data!.needs.nodes.map((n: { id: string }) => n.id);
    const second = await api.gql(
      needsQuery('id endorsedByMyOrganization'),
      { q: marker, first: 1, after: one.data?.needs.pageInfo.endCursor },
      { token },
    );
    const third = await api.gql(
      needsQuery('id'),
      { q: marker, first: 1, after: second.data?.needs.pageInfo.endCursor },
      { token },
    );
    expect([one, second, third].map((page) => page.data?.needs.nodes[0].id)).toEqual(all);
    expect(third.data?.needs.pageInfo.hasNextPage).toBe(false);
    const triaged = await api.gql(needsQuery('id status'), { q: marker, statuses: ['TRIAGED'] }, { token });
    expect(triaged.data?.needs.nodes.map((n: { status: string }) => n.status)).toEqual(['TRIAGED', 'TRIAGED']);
    const bad = await api.gql(needsQuery('id'), { q: marker, after: 'not-a-cursor' }, { token });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('gives the same products, suppliers and cursors as the general path', async () => {
    const supplierId = await createSupplier(api, staff, marker);
    for (const name of ['b', 'A', 'c'])
      await createProduct(api, staff, 'GPS_ALARM', `${marker} ${name}`, ['1.0'], supplierId);
    const query = (
      fields: string,
    ) => `query($q: String, $after: String) { products(search: $q, first: 2, after: $after) {
      nodes { ${fields} } pageInfo { hasNextPage endCursor } } }`;
    const columns = 'id name model currentVersion createdAt updatedAt category { key } supplier { id name }';
    const planned = await api.gql(query(columns), { q: marker }, { token: gnestaCoach.token });
    const general = await api.gql(
      query(`${columns} versions { version }`),
      { q: marker },
      { token: gnestaCoach.token },
    );
    expect(planned.errors).toBeUndefined();
    expect(planned.data?.products.nodes.map((p: { name: string }) => p.name.split(' ')[1])).toEqual(['A', 'b']);
    expect(planned.data?.products.nodes).toEqual(
      general.data!.products.nodes.map(({ versions: _v, ...product }: Record<string, unknown>) => product),
    );
    expect(planned.data?.products.pageInfo).toEqual(general.data?.products.pageInfo);
    const rest = await api.gql(
      query('name'),
      { q: marker, after: planned.data?.products.pageInfo.endCursor },
      { token: gnestaCoach.token },
    );
    expect(rest.data?.products.nodes.map((p: { name: string }) => p.name.split(' ')[1])).toEqual(['c']);
  });

  /**
   * A list's planned page (only `columns`) against its general page (`columns` and a field with a resolver): the
   * same rows, cursors and page info; and a page of 1 costs the statements a page of 50 costs.
   */
  async function comparePaths(
    list: string,
    args: string,
    columns: string,
    resolved: string,
    token: string,
  ): Promise<Record<string, unknown>[]> {
    const query = (
      fields: string,
    ) => `query($first: Int, $after: String) { ${list}(${args} first: $first, after: $after) {
      totalCount nodes { ${fields} } edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
    const page = (fields: string, first: number, after?: string | null) =>
      api.gql(query(fields), { first, after }, { token });
    const planned = await page(columns, 50);
    const general = await page(`${columns} ${resolved}`, 50);
    expect(planned.errors).toBeUndefined();
    expect(general.errors).toBeUndefined();
    const resolvedName = resolved.split(/[\s{]/)[0];
    const plannedList = planned.data![list];
    const generalList = general.data![list];
    expect(plannedList.nodes).toEqual(
      generalList.nodes.map((node: Record<string, unknown>) => {
        const { [resolvedName]: _resolved, ...rest } = node;
        return rest;
      }),
    );
    expect(plannedList.edges).toEqual(generalList.edges);
    expect(plannedList.pageInfo).toEqual(generalList.pageInfo);
    expect(plannedList.totalCount).toBe(generalList.totalCount);
    // The planned page reads its relations in its one statement; the general page loads them (and the resolved field).
    expect(planned.sqlStatements).toBeLessThan(general.sqlStatements);
    // A page of 1 costs what a page of 50 costs; the planned path's cursors page the general path and back.
    const one = await page('id', 1);
    const fifty = await page('id', 50);
    expect(one.sqlStatements).toBeGreaterThan(0);
    expect(one.sqlStatements).toBe(fifty.sqlStatements);
    const ids = fifty.data![list].nodes.map((n: { id: string }) => n.id);
    if (ids.length < 3) return plannedList.nodes;
    const second = await page(`id ${resolved}`, 1, one.data![list].pageInfo.endCursor);
    const third = await page('id', 1, second.data![list].pageInfo.endCursor);
    expect([one, second, third].map((p) => p.data![list].nodes[0]?.id)).toEqual(ids.slice(0, 3));
    return plannedList.nodes;
  }

  it('gives the same implementations and follow-ups as the general path, one statement a page whatever its size', async () => {
    const oxelosund = await followUpActors(api, '0481');
    const other = { ...(await followUpActors(api, '0482')), productId: oxelosund.productId };
    const implementations: string[] = [];
    for (const goLiveOn of ['2026-01-15', null, '2025-11-30']) {
      implementations.push((await recordImplementation(api, oxelosund, goLiveOn)).id);
      api.clock.advance(60_000);
    }
    await recordImplementation(api, other, '2026-02-01');
    const columns = `id status setting goLiveOn discontinuedReason version callOffId responsibleUserId createdAt updatedAt
      organization { name code } product { id name }`;
    const mine = await comparePaths(
      'implementations',
      `productId: "${oxelosund.productId}"`,
      columns,
      'people { offered { total } }',
      oxelosund.coordinator.token,
    );
    // Newest first; only the caller's organisation's.
    expect(mine.map((i) => i.id)).toEqual([...implementations].reverse());
    expect(mine[0]).toMatchObject({
      goLiveOn: '2025-11-30',
      organization: { code: '0481' },
      product: { name: expect.any(String) },
    });
    expect(mine[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const all = await comparePaths(
      'implementations',
      `productId: "${oxelosund.productId}"`,
      columns,
      'people { offered { total } }',
      oxelosund.staff.token,
    );
    expect(all).toHaveLength(4);

    const followUpColumns = `id wave dueOn status organizationId implementationId indicatorSetId openedAt answeredAt
      createdAt implementation { id status goLiveOn }`;
    const followUps = await comparePaths(
      'followUps',
      `organizationId: "${oxelosund.coordinator.organizationId}"`,
      followUpColumns,
      'answer { version }',
      oxelosund.coordinator.token,
    );
    const own = followUps.filter((f) => implementations.includes(f.implementationId as string));
    expect(own.map((f) => f.dueOn)).toEqual(['2026-11-30', '2027-01-15', '2027-11-30', '2028-01-15']);
    expect(own[0]).toMatchObject({ wave: 12, implementation: { goLiveOn: '2025-11-30' } });
    const filtered = await comparePaths(
      'followUps',
      `implementationId: "${implementations[0]}", wave: 24, dueBefore: "2028-12-31"`,
      followUpColumns,
      'answer { version }',
      oxelosund.coordinator.token,
    );
    expect(filtered.map((f) => f.dueOn)).toEqual(['2028-01-15']);
    const hidden = await api.gql(
      `{ followUps(implementationId: "${implementations[0]}") { nodes { id } } }`,
      {},
      {
        token: other.coordinator.token,
      },
    );
    expect(hidden.data?.followUps.nodes).toEqual([]);
  });

  it('gives the same articles as the general path, drafts only to their organisation', async () => {
    const write = async (user: TestUser, title: string) => {
      const created = await api.gql(
        `mutation($i: CreateArticleInput!) { createArticle(input: $i) { id } }`,
        {
          i: {
            kind: 'LESSON',
            title: `${marker} ${title}`,
            summary: 'Kort.',
            body: 'Text.',
            sourceType: 'COUNTY_TEST',
            qualityGrade: 'ASSESSED',
          },
        },
        { token: user.token },
      );
      expect(created.errors).toBeUndefined();
      api.clock.advance(60_000);
      return created.data!.createArticle.id as string;
    };
    const published = await write(gnestaCoach, 'publicerad');
    const draft = await write(gnestaCoach, 'utkast');
    const own = await write(vingakerCoach, 'egen');
    const publish = await api.gql(
      `mutation($id: ID!) { publishArticle(id: $id) { id } }`,
      { id: published },
      {
        token: staff.token,
      },
    );
    expect(publish.errors).toBeUndefined();
    const columns = `id title kind status summary body sourceType qualityGrade version organizationId publishedAt createdAt
      updatedAt organization { name code }`;
    const seen = await comparePaths('articles', '', columns, 'links { entityId }', vingakerCoach.token);
    const ids = seen.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([published, own]));
    expect(ids).not.toContain(draft);
    expect(ids.indexOf(published)).toBeLessThan(ids.indexOf(own)); // published last: latest change first
    const drafts = await comparePaths(
      'articles',
      'status: DRAFT, kind: LESSON',
      columns,
      'links { entityId }',
      gnestaCoach.token,
    );
    expect(drafts.map((a) => a.id)).toContain(draft);
    expect(drafts.map((a) => a.id)).not.toContain(own);
    expect(drafts.find((a) => a.id === draft)).toMatchObject({ organization: { code: '0461' }, publishedAt: null });
  });
});
