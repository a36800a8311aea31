import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { createTestApi, errorCode, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { createProduct } from '../support/followup-builders.js';

const USERS = `query($org: ID, $role: Role, $active: Boolean, $search: String, $first: Int, $after: String) {
  users(organizationId: $org, role: $role, active: $active, search: $search, first: $first, after: $after) {
    totalCount nodes { id displayName roles active organization { code } } pageInfo { hasNextPage endCursor } } }`;

describe('users: who may list whom', () => {
  let api: TestApi;
  let admin: TestUser;
  let staff: TestUser;
  let coordinator: TestUser;
  let colleague: TestUser;
  let formerColleague: TestUser;
  let flenCoach: TestUser;

  beforeAll(async () => {
    api = await createTestApi();
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN], 'admin');
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    coordinator = await createUser(api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'Eskilstuna koordinator');
    colleague = await createUser(api, '0484', [Role.TECH_COACH, Role.VIEWER], 'Eskilstuna teknikcoach');
    formerColleague = await createUser(api, '0484', [Role.TECH_COACH], 'Eskilstuna slutat');
    flenCoach = await createUser(api, '0482', [Role.TECH_COACH], 'Flen teknikcoach');
    const deactivated = await api.gql(
      `mutation($i: UpdateUserInput!) { updateUser(input: $i) { active } }`,
      { i: { id: formerColleague.id, active: false } },
      { token: admin.token },
    );
    expect(deactivated.data?.updateUser.active).toBe(false);
  });
  afterAll(() => api.close());

  const list = async (user: TestUser, variables: Record<string, unknown> = {}) => {
    const response = await api.gql(USERS, { first: 100, ...variables }, { token: user.token });
    return { response, ids: (response.data?.users.nodes ?? []).map((u: { id: string }) => u.id) as string[] };
  };

  it('node admins list everyone, active or not, and filter by organisation, role and active', async () => {
    const all = await list(admin);
    expect(all.response.errors).toBeUndefined();
    expect(all.ids).toEqual(
      expect.arrayContaining([admin.id, staff.id, coordinator.id, colleague.id, formerColleague.id, flenCoach.id]),
    );
    expect(all.response.data!.users.totalCount).toBe(all.ids.length);

    const eskilstuna = await list(admin, { org: coordinator.organizationId });
    expect(eskilstuna.ids.sort()).toEqual([coordinator.id, colleague.id, formerColleague.id].sort());
    expect((await list(admin, { org: coordinator.organizationId, role: 'TECH_COACH' })).ids.sort()).toEqual(
      [colleague.id, formerColleague.id].sort(),
    );
    expect((await list(admin, { org: coordinator.organizationId, active: false })).ids).toEqual([formerColleague.id]);
    expect((await list(admin, { org: coordinator.organizationId, active: true })).ids.sort()).toEqual(
      [coordinator.id, colleague.id].sort(),
    );
    expect((await list(admin, { search: 'teknikcoach' })).ids.sort()).toEqual([colleague.id, flenCoach.id].sort());
    expect((await list(admin, { search: '100%_' })).ids).toEqual([]);
  });

  it("members see their own organisation's active users, with names and roles", async () => {
    const mine = await list(coordinator);
    expect(mine.response.errors).toBeUndefined();
    expect(mine.ids.sort()).toEqual([coordinator.id, colleague.id].sort());
    const shown = mine.response.data!.users.nodes.find((u: { id: string }) => u.id === colleague.id);
    expect(shown).toMatchObject({
      displayName: expect.stringContaining('Eskilstuna teknikcoach'),
      roles: ['TECH_COACH', 'VIEWER'],
      active: true,
      organization: { code: '0484' },
    });

    expect((await list(flenCoach)).ids).toEqual([flenCoach.id]);
    expect((await list(coordinator, { org: coordinator.organizationId, role: 'TECH_COACH' })).ids).toEqual([
      colleague.id,
    ]);
  });

  it("members may not list another organisation's users, nor deactivated ones", async () => {
    const other = await list(coordinator, { org: flenCoach.organizationId });
    expect(errorCode(other.response)).toBe('FORBIDDEN');
    expect(other.response.errors![0].extensions.field).toBe('organizationId');
    const inactive = await list(coordinator, { active: false });
    expect(errorCode(inactive.response)).toBe('FORBIDDEN');
    expect(inactive.response.errors![0].extensions.field).toBe('active');
  });

  it('node staff see the active users of every organisation, to choose contacts for any of them', async () => {
    const seen = await list(staff);
    expect(seen.ids).toEqual(expect.arrayContaining([coordinator.id, colleague.id, flenCoach.id]));
    expect(seen.ids).not.toContain(formerColleague.id);
    expect(errorCode((await list(staff, { active: false })).response)).toBe('FORBIDDEN');
  });

  it('refuses anonymous callers and bad filters with clear errors', async () => {
    expect(errorCode(await api.gql(USERS, {}))).toBe('UNAUTHENTICATED');
    const bad = await api.gql(USERS, { org: 'not-an-id' }, { token: admin.token });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
  });

  it('pages by name with a fixed number of SQL statements', async () => {
    for (let i = 0; i < 6; i++) await createUser(api, '0484', [Role.VIEWER], `Eskilstuna läsare ${i}`);
    const first = await api.gql(USERS, { first: 3, org: coordinator.organizationId }, { token: admin.token });
    const names = first.data!.users.nodes.map((u: { displayName: string }) => u.displayName);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : 1)));
    expect(first.data!.users.pageInfo.hasNextPage).toBe(true);
    const rest = await api.gql(
      USERS,
      { first: 100, org: coordinator.organizationId, after: first.data!.users.pageInfo.endCursor },
      { token: admin.token },
    );
    const seen = [...first.data!.users.nodes, ...rest.data!.users.nodes].map((u: { id: string }) => u.id);
    expect(new Set(seen).size).toBe(first.data!.users.totalCount);
    expect(rest.sqlStatements).toBe(first.sqlStatements);
  });

  it("a coordinator picks a colleague from the list as an implementation's contact", async () => {
    const productId = await createProduct(api, staff, 'DIGITAL_SUPERVISION');
    const colleagues = await list(coordinator, { role: 'TECH_COACH' });
    const contact = colleagues.ids[0];
    const recorded = await api.gql(
      `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { id } }`,
      { i: { productId, setting: 'HOME_CARE', responsibleUserId: contact, goLiveOn: null } },
      { token: coordinator.token },
    );
    expect(recorded.errors).toBeUndefined();
  });
});
