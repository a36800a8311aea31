import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { createTestApi, errorCode, type GqlResponse, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';

const REGISTER = `mutation($i: RegisterTechCoachInput!) { registerTechCoach(input: $i) { id unit setting active user { id } organization { code } categories { key } } }`;
const UPDATE = `mutation($i: UpdateTechCoachInput!) { updateTechCoach(input: $i) { id unit active categories { key } } }`;
const RECORD = `mutation($i: RecordCoachActivityInput!) { recordCoachActivity(input: $i) { id kind occurredOn staffReached note } }`;
const DIRECTORY = `query($org: ID, $category: String, $setting: CareSetting, $active: Boolean, $first: Int) {
  techCoaches(organizationId: $org, category: $category, setting: $setting, active: $active, first: $first) {
    nodes { id unit active user { id } organization { code } categories { key } activities { kind staffReached note } } pageInfo { hasNextPage } } }`;

function field(response: GqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.field;
}

describe('tech coaches: directory and field activities', () => {
  let api: TestApi;
  let staff: TestUser;
  let coach: TestUser;
  let colleague: TestUser;
  let coordinator: TestUser;
  let otherCoordinator: TestUser;
  let viewer: TestUser;
  let coachId: string;
  let colleagueCoachId: string;

  beforeAll(async () => {
    api = await createTestApi();
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
    colleague = await createUser(api, '0482', [Role.VIEWER], 'colleague');
    coordinator = await createUser(api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'coordinator');
    otherCoordinator = await createUser(api, '0483', [Role.MUNICIPALITY_COORDINATOR], 'other-coordinator');
    viewer = await createUser(api, '0484', [Role.VIEWER], 'viewer');
  });
  afterAll(() => api.close());

  it('lets a coach register themself with the categories they know (ids or keys), once', async () => {
    const response = await api.gql(
      REGISTER,
      {
        i: {
          unit: 'Hemtjänst Norr',
          setting: 'HOME_CARE',
          categories: ['GPS_ALARM', 'DIGITAL_SUPERVISION', 'GPS_ALARM'],
        },
      },
      { token: coach.token },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.registerTechCoach).toMatchObject({
      unit: 'Hemtjänst Norr',
      setting: 'HOME_CARE',
      active: true,
      user: { id: coach.id },
      organization: { code: '0482' },
      categories: [{ key: 'GPS_ALARM' }, { key: 'DIGITAL_SUPERVISION' }],
    });
    coachId = response.data?.registerTechCoach.id;
    expect(
      errorCode(await api.gql(REGISTER, { i: { unit: 'Igen', setting: 'HOME_CARE' } }, { token: coach.token })),
    ).toBe('CONFLICT');
  });

  it("lets the organisation's coordinator register a colleague; others get FORBIDDEN", async () => {
    expect(
      errorCode(
        await api.gql(
          REGISTER,
          { i: { userId: colleague.id, unit: 'Åsgården', setting: 'SPECIAL_HOUSING' } },
          { token: otherCoordinator.token },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await api.gql(REGISTER, { i: { unit: 'Mitt eget', setting: 'HOME_CARE' } }, { token: viewer.token })),
    ).toBe('FORBIDDEN');
    const unknown = await api.gql(
      REGISTER,
      {
        i: {
          userId: colleague.id,
          unit: 'Åsgården',
          setting: 'SPECIAL_HOUSING',
          categories: ['DIGITAL_LOCK', 'TELEPORTER'],
        },
      },
      { token: coordinator.token },
    );
    expect([errorCode(unknown), field(unknown)]).toEqual(['NOT_FOUND', 'input.categories.1']);
    const blank = await api.gql(
      REGISTER,
      { i: { userId: colleague.id, unit: '  ', setting: 'SPECIAL_HOUSING' } },
      { token: coordinator.token },
    );
    expect([errorCode(blank), field(blank)]).toEqual(['BAD_USER_INPUT', 'input.unit']);
    const response = await api.gql(
      REGISTER,
      { i: { userId: colleague.id, unit: 'Åsgården', setting: 'SPECIAL_HOUSING', categories: ['DIGITAL_LOCK'] } },
      { token: coordinator.token },
    );
    expect(response.errors).toBeUndefined();
    colleagueCoachId = response.data?.registerTechCoach.id;
  });

  it('lists the directory by organisation, category and setting', async () => {
    const flen = (await api.gql(DIRECTORY, { org: coach.organizationId }, { token: viewer.token })).data?.techCoaches
      .nodes as { id: string; unit: string }[];
    expect(flen.map((c) => c.unit).sort()).toEqual(['Hemtjänst Norr', 'Åsgården']);
    const gps = (
      await api.gql(DIRECTORY, { org: coach.organizationId, category: 'GPS_ALARM' }, { token: viewer.token })
    ).data?.techCoaches.nodes as { id: string }[];
    expect(gps.map((c) => c.id)).toEqual([coachId]);
    const special = (
      await api.gql(DIRECTORY, { org: coach.organizationId, setting: 'SPECIAL_HOUSING' }, { token: viewer.token })
    ).data?.techCoaches.nodes as { id: string }[];
    expect(special.map((c) => c.id)).toEqual([colleagueCoachId]);
  });

  it("records field activities; their notes are visible to the coach's organisation and node staff only", async () => {
    const today = api.clock.now().toISOString().slice(0, 10);
    const training = await api.gql(
      RECORD,
      { i: { kind: 'TRAINING', occurredOn: today, staffReached: 12, note: 'GPS-larm för nattpersonal' } },
      { token: coach.token },
    );
    expect(training.errors).toBeUndefined();
    expect(training.data?.recordCoachActivity).toMatchObject({ kind: 'TRAINING', occurredOn: today, staffReached: 12 });
    expect(
      (
        await api.gql(
          RECORD,
          { i: { coachId: colleagueCoachId, kind: 'DEMO', occurredOn: today, staffReached: 3 } },
          { token: coordinator.token },
        )
      ).errors,
    ).toBeUndefined();
    expect(
      errorCode(
        await api.gql(
          RECORD,
          { i: { coachId, kind: 'DEMO', occurredOn: today, staffReached: 3 } },
          { token: otherCoordinator.token },
        ),
      ),
    ).toBe('FORBIDDEN');
    // Registered by the coordinator, the colleague records their own activities without the TECH_COACH role.
    expect(
      (
        await api.gql(
          RECORD,
          { i: { kind: 'OBSERVATION', occurredOn: today, staffReached: 0 } },
          { token: colleague.token },
        )
      ).errors,
    ).toBeUndefined();

    const future = await api.gql(
      RECORD,
      { i: { kind: 'DEMO', occurredOn: '2099-01-01', staffReached: 1 } },
      { token: coach.token },
    );
    expect([errorCode(future), field(future)]).toEqual(['BAD_USER_INPUT', 'input.occurredOn']);
    const badDate = await api.gql(
      RECORD,
      { i: { kind: 'DEMO', occurredOn: '22/11/2026', staffReached: 1 } },
      { token: coach.token },
    );
    expect([errorCode(badDate), field(badDate)]).toEqual(['BAD_USER_INPUT', 'input.occurredOn']);
    const negative = await api.gql(
      RECORD,
      { i: { kind: 'DEMO', occurredOn: today, staffReached: -1 } },
      { token: coach.token },
    );
    expect([errorCode(negative), field(negative)]).toEqual(['BAD_USER_INPUT', 'input.staffReached']);
    expect(
      errorCode(
        await api.gql(RECORD, { i: { kind: 'DEMO', occurredOn: today, staffReached: 1 } }, { token: viewer.token }),
      ),
    ).toBe('NOT_FOUND');

    const own = (
      await api.gql(DIRECTORY, { org: coach.organizationId, category: 'GPS_ALARM' }, { token: coordinator.token })
    ).data?.techCoaches.nodes;
    expect(own[0].activities).toEqual([{ kind: 'TRAINING', staffReached: 12, note: 'GPS-larm för nattpersonal' }]);
    const node = (
      await api.gql(DIRECTORY, { org: coach.organizationId, category: 'GPS_ALARM' }, { token: staff.token })
    ).data?.techCoaches.nodes;
    expect(node[0].activities).toHaveLength(1);
    const other = (
      await api.gql(DIRECTORY, { org: coach.organizationId, category: 'GPS_ALARM' }, { token: viewer.token })
    ).data?.techCoaches.nodes;
    expect(other[0].activities).toEqual([]);
  });

  it('deactivates a coach: hidden from the default directory, no new activities', async () => {
    const updated = await api.gql(
      UPDATE,
      { i: { coachId: colleagueCoachId, active: false, categories: ['DIGITAL_LOCK', 'VIDEO'] } },
      { token: coordinator.token },
    );
    expect(updated.data?.updateTechCoach).toMatchObject({
      active: false,
      unit: 'Åsgården',
      categories: [{ key: 'DIGITAL_LOCK' }, { key: 'VIDEO' }],
    });
    expect(
      errorCode(
        await api.gql(UPDATE, { i: { coachId: colleagueCoachId, active: true } }, { token: otherCoordinator.token }),
      ),
    ).toBe('FORBIDDEN');
    const active = (await api.gql(DIRECTORY, { org: coach.organizationId }, { token: viewer.token })).data?.techCoaches
      .nodes as { id: string }[];
    expect(active.map((c) => c.id)).toEqual([coachId]);
    const all = (await api.gql(DIRECTORY, { org: coach.organizationId, active: null }, { token: viewer.token })).data
      ?.techCoaches.nodes as { id: string }[];
    expect(all.map((c) => c.id).sort()).toEqual([coachId, colleagueCoachId].sort());
    const today = api.clock.now().toISOString().slice(0, 10);
    expect(
      errorCode(
        await api.gql(
          RECORD,
          { i: { coachId: colleagueCoachId, kind: 'DEMO', occurredOn: today, staffReached: 1 } },
          { token: coordinator.token },
        ),
      ),
    ).toBe('CONFLICT');
  });

  it('pages the directory with a constant number of SQL statements', async () => {
    for (let i = 0; i < 12; i++) {
      const user = await createUser(api, '0488', [Role.TECH_COACH], `trosa-${i}`);
      await api.gql(
        REGISTER,
        {
          i: {
            unit: `Enhet ${String(i).padStart(2, '0')}`,
            setting: 'HOME_CARE',
            categories: ['SAFETY_ALARM', 'VIDEO'],
          },
        },
        { token: user.token },
      );
      await api.gql(
        RECORD,
        { i: { kind: 'OBSERVATION', occurredOn: '2026-11-01', staffReached: i } },
        { token: user.token },
      );
    }
    const trosaStaff = await createUser(api, '0488', [Role.MUNICIPALITY_COORDINATOR], 'trosa-coordinator');
    // The signed-in user is read until the process has cached it, and a late notice of the writes above may make it
    // read again: compare the two page sizes side by side until that settles. A cost per row would never settle.
    const page = (first: number) =>
      api.gql(DIRECTORY, { org: trosaStaff.organizationId, first }, { token: trosaStaff.token });
    let small = await page(2);
    let large = await page(12);
    for (let i = 0; i < 20 && large.sqlStatements !== small.sqlStatements; i++)
      [small, large] = [await page(2), await page(12)];
    expect(large.data?.techCoaches.nodes).toHaveLength(12);
    expect(large.sqlStatements).toBe(small.sqlStatements);
  });
});
