import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addMonths, Db, ManualClock, Role, toIsoDate } from '#core';
import { FollowUpStep, FollowUpWorkflowService } from '#followup';
import { implementationCounts, outcomes } from '../../libs/followup/src/results/product-experience.queries.js';
import { createTestApi, errorCode, type GqlResponse, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import {
  createProduct,
  DEFAULT_ANSWER,
  followUpActors,
  type FollowUpActors,
  followUpsOf,
  recordImplementation,
} from '../support/followup-builders.js';

const ANSWER = `mutation($i: AnswerFollowUpInput!) { answerFollowUp(input: $i) { id status answer { version values correctionReason } answers { version } } }`;
const UPDATE = `mutation($i: UpdateImplementationInput!) { updateImplementation(input: $i) { id status discontinuedReason goLiveOn followUps { wave dueOn status cancelReason } } }`;

/** The api side of follow-up: implementations, schedule, indicators, answers, results. Workers are driven directly here. */
describe('follow-up: implementations, indicators, answers and results', () => {
  // Far from the other files' clocks, so their reconcilers never find these follow-ups due.
  const clock = new ManualClock('2045-06-10T08:00:00.000Z');
  let api: TestApi;
  let actors: FollowUpActors;
  let otherCoordinator: TestUser;
  let viewer: TestUser;

  const monthsAgo = (months: number) => toIsoDate(addMonths(clock.now(), -months));
  const field = (response: GqlResponse) => response.errors?.[0]?.extensions.field;
  /** What the worker does at the due date, run here directly (the worker e2e covers the queues). */
  async function openDue(implementationId: string): Promise<string[]> {
    const workflow = api.app.get(FollowUpWorkflowService);
    const rows = await followUpsOf(api, implementationId);
    for (const row of rows)
      await workflow.runStep(FollowUpStep.Open, {
        followUpId: row.id,
        dueOn: row.due_on,
        scheduleVersion: row.schedule_version,
      });
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    api = await createTestApi(clock);
    actors = await followUpActors(api, '0484');
    otherCoordinator = await createUser(api, '0480', [Role.MUNICIPALITY_COORDINATOR], 'nykoping');
    viewer = await createUser(api, '0484', [Role.VIEWER], 'viewer');
  });
  afterAll(() => api.close());

  it('records an implementation with counts by sex and the IVO checklist, and schedules the 12- and 24-month follow-ups', async () => {
    const response = await api.gql(
      `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) {
        id status setting goLiveOn organization { code } product { id } responsibleContact { id }
        people { offered { women men otherOrUnknown total } accepted { total } declined { total } }
        checklist { consentByPerson { done comment } backupSupervision { done comment } routines { done } }
        followUps { wave dueOn status } } }`,
      {
        i: {
          productId: actors.productId,
          setting: 'SPECIAL_HOUSING',
          responsibleUserId: actors.contact.id,
          goLiveOn: '2045-03-31',
          people: {
            offered: { women: 10, men: 6, otherOrUnknown: 1 },
            accepted: { women: 8, men: 4 },
            declined: { women: 2, men: 1 },
          },
          checklist: {
            consentByPerson: { done: true, comment: 'Samtycke inhämtas av personen själv' },
            backupSupervision: { done: false, comment: 'Rutin saknas' },
          },
        },
      },
      { token: actors.coordinator.token },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.recordImplementation).toMatchObject({
      status: 'PILOT',
      setting: 'SPECIAL_HOUSING',
      goLiveOn: '2045-03-31',
      organization: { code: '0484' },
      responsibleContact: { id: actors.contact.id },
      people: {
        offered: { women: 10, men: 6, otherOrUnknown: 1, total: 17 },
        accepted: { total: 12 },
        declined: { total: 3 },
      },
      checklist: {
        consentByPerson: { done: true, comment: 'Samtycke inhämtas av personen själv' },
        backupSupervision: { done: false, comment: 'Rutin saknas' },
        routines: { done: false },
      },
      followUps: [
        { wave: 12, dueOn: '2046-03-31', status: 'SCHEDULED' },
        { wave: 24, dueOn: '2047-03-31', status: 'SCHEDULED' },
      ],
    });
  });

  it('schedules nothing until the go-live date is known, then schedules on it', async () => {
    const implementation = await recordImplementation(api, actors, null);
    expect(implementation.followUps).toEqual([]);
    const updated = await api.gql(
      UPDATE,
      { i: { id: implementation.id, goLiveOn: '2045-02-28', status: 'BROAD_ROLLOUT' } },
      { token: actors.coordinator.token },
    );
    expect(updated.data?.updateImplementation).toMatchObject({
      status: 'BROAD_ROLLOUT',
      followUps: [
        { wave: 12, dueOn: '2046-02-28' },
        { wave: 24, dueOn: '2047-02-28' },
      ],
    });
    const cleared = await api.gql(
      UPDATE,
      { i: { id: implementation.id, goLiveOn: null } },
      { token: actors.coordinator.token },
    );
    expect([errorCode(cleared), field(cleared)]).toEqual(['BAD_USER_INPUT', 'input.goLiveOn']);
  });

  it('refuses bad implementations naming the field, and callers without the right', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { people: { offered: { women: 2 }, accepted: { women: 2 }, declined: { women: 1 } } },
        'input.people.accepted.women',
      ],
      [{ people: { offered: { men: -1 }, accepted: {}, declined: {} } }, 'input.people.offered.men'],
      [{ goLiveOn: '2045-02-30' }, 'input.goLiveOn'],
      [{ status: 'DISCONTINUED' }, 'input.discontinuedReason'],
      [{ responsibleUserId: otherCoordinator.id }, 'input.responsibleUserId'],
    ];
    for (const [extra, expected] of cases) {
      const response = await api.gql(
        `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { id } }`,
        { i: { productId: actors.productId, setting: 'HOME_CARE', responsibleUserId: actors.contact.id, ...extra } },
        { token: actors.coordinator.token },
      );
      expect([errorCode(response), field(response)]).toEqual(['BAD_USER_INPUT', expected]);
    }
    const unknownProduct = await api.gql(
      `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { id } }`,
      {
        i: {
          productId: '00000000-0000-4000-8000-000000000000',
          setting: 'HOME_CARE',
          responsibleUserId: actors.contact.id,
        },
      },
      { token: actors.coordinator.token },
    );
    expect([errorCode(unknownProduct), field(unknownProduct)]).toEqual(['NOT_FOUND', 'input.productId']);
    const coach = await api.gql(
      `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { id } }`,
      { i: { productId: actors.productId, setting: 'HOME_CARE', responsibleUserId: actors.contact.id } },
      { token: actors.contact.token },
    );
    expect(errorCode(coach)).toBe('FORBIDDEN');
    const forOther = await api.gql(
      `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { id } }`,
      {
        i: {
          organizationId: actors.contact.organizationId,
          productId: actors.productId,
          setting: 'HOME_CARE',
          responsibleUserId: actors.contact.id,
        },
      },
      { token: otherCoordinator.token },
    );
    expect(errorCode(forOther)).toBe('FORBIDDEN');
    const byStaff = await recordImplementation(
      api,
      actors,
      null,
      { organizationId: actors.contact.organizationId },
      actors.staff.token,
    );
    expect(byStaff.id).toBeDefined();
  });

  it('shows implementations and follow-ups to their own organisation and node staff only', async () => {
    const implementation = await recordImplementation(api, actors, monthsAgo(3));
    const query = `query($id: ID!) { implementation(id: $id) { id } }`;
    expect((await api.gql(query, { id: implementation.id }, { token: viewer.token })).data?.implementation.id).toBe(
      implementation.id,
    );
    expect(
      (await api.gql(query, { id: implementation.id }, { token: actors.staff.token })).data?.implementation.id,
    ).toBe(implementation.id);
    const hidden = await api.gql(query, { id: implementation.id }, { token: otherCoordinator.token });
    expect(errorCode(hidden)).toBe('NOT_FOUND');
    const list = await api.gql(
      `{ implementations(first: 100) { nodes { id } } followUps(first: 100) { nodes { implementation { id } } } }`,
      {},
      { token: otherCoordinator.token },
    );
    expect(list.data?.implementations.nodes.map((n: { id: string }) => n.id)).not.toContain(implementation.id);
    expect(
      list.data?.followUps.nodes.map((n: { implementation: { id: string } }) => n.implementation.id),
    ).not.toContain(implementation.id);
  });

  it('cancels the unanswered follow-ups with the reason when discontinued, keeping the answered one', async () => {
    const implementation = await recordImplementation(api, actors, monthsAgo(13));
    const [first] = await openDue(implementation.id);
    expect(
      (await api.gql(ANSWER, { i: { followUpId: first, values: DEFAULT_ANSWER } }, { token: actors.contact.token }))
        .errors,
    ).toBeUndefined();
    const discontinued = await api.gql(
      UPDATE,
      { i: { id: implementation.id, status: 'DISCONTINUED', discontinuedReason: 'Ersatt av annan lösning' } },
      { token: actors.coordinator.token },
    );
    expect(discontinued.errors).toBeUndefined();
    expect(discontinued.data?.updateImplementation.followUps).toEqual([
      { wave: 12, dueOn: expect.any(String), status: 'ANSWERED', cancelReason: null },
      { wave: 24, dueOn: expect.any(String), status: 'CANCELLED', cancelReason: 'Ersatt av annan lösning' },
    ]);
    const again = await api.gql(
      UPDATE,
      { i: { id: implementation.id, status: 'PILOT' } },
      { token: actors.coordinator.token },
    );
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('lists the seeded default indicators and lets node staff version a set per category', async () => {
    const sets = await api.gql(
      `{ indicatorSets { version category { key } indicators { key type required unit } } }`,
      {},
      { token: viewer.token },
    );
    const fallback = sets.data?.indicatorSets.find((s: { category: unknown }) => s.category === null);
    expect(fallback.indicators.map((i: { key: string }) => i.key)).toEqual(
      expect.arrayContaining([
        'activeUsersWomen',
        'activeUsersMen',
        'meetsNeeds',
        'perceivedSafety',
        'perceivedIndependence',
        'staffTimeSaved',
        'workEnvironment',
        'deviations',
        'technicalFaults',
        'costSek',
        'continuedUse',
        'lessons',
      ]),
    );
    const configure = `mutation($i: ConfigureIndicatorSetInput!) { configureIndicatorSet(input: $i) { version category { key } indicators { key type required } } }`;
    const indicators = [
      { key: 'activeUsers', labelSv: 'Aktiva användare', labelEn: 'Active users', type: 'COUNT', required: true },
      { key: 'lockFailures', labelSv: 'Låsfel', labelEn: 'Lock failures', type: 'COUNT', required: true },
    ];
    expect(
      errorCode(
        await api.gql(configure, { i: { category: 'DIGITAL_LOCK', indicators } }, { token: actors.coordinator.token }),
      ),
    ).toBe('FORBIDDEN');
    const v1 = await api.gql(configure, { i: { category: 'DIGITAL_LOCK', indicators } }, { token: actors.staff.token });
    expect(v1.data?.configureIndicatorSet).toMatchObject({ version: 1, category: { key: 'DIGITAL_LOCK' } });
    const v2 = await api.gql(
      configure,
      {
        i: {
          category: 'DIGITAL_LOCK',
          indicators: [
            ...indicators,
            { key: 'perceivedSafety', labelSv: 'Trygghet', labelEn: 'Safety', type: 'SCALE_1_5', required: true },
          ],
        },
      },
      { token: actors.staff.token },
    );
    expect(v2.data?.configureIndicatorSet.version).toBe(2);
    const duplicate = await api.gql(
      configure,
      { i: { indicators: [indicators[0], indicators[0]] } },
      { token: actors.staff.token },
    );
    expect([errorCode(duplicate), field(duplicate)]).toEqual(['BAD_USER_INPUT', 'input.indicators.1.key']);
    const badType = await api.gql(
      configure,
      { i: { indicators: [{ ...indicators[0], type: 'COLOUR' }] } },
      { token: actors.staff.token },
    );
    expect(errorCode(badType)).toBe('BAD_USER_INPUT');

    // A follow-up of a digital lock opened now answers against version 2.
    const lock = await createProduct(api, actors.staff, 'DIGITAL_LOCK');
    const implementation = await recordImplementation(api, { ...actors, productId: lock }, monthsAgo(12));
    const [followUpId] = await openDue(implementation.id);
    const followUp = await api.gql(
      `{ followUps(implementationId: "${implementation.id}", wave: 12) { nodes { status indicatorSet { version indicators { key } } } } }`,
      {},
      { token: actors.contact.token },
    );
    expect(followUp.data?.followUps.nodes[0]).toEqual({
      status: 'OPEN',
      indicatorSet: {
        version: 2,
        indicators: [{ key: 'activeUsers' }, { key: 'lockFailures' }, { key: 'perceivedSafety' }],
      },
    });
    const missing = await api.gql(
      ANSWER,
      { i: { followUpId, values: { activeUsers: 3, lockFailures: 0 } } },
      { token: actors.contact.token },
    );
    expect([errorCode(missing), field(missing)]).toEqual(['BAD_USER_INPUT', 'input.values.perceivedSafety']);
  });

  it('refuses bad answers naming the indicator, stores nothing, and keeps corrections as new versions', async () => {
    const implementation = await recordImplementation(api, actors, monthsAgo(13));
    const [followUpId, later] = await openDue(implementation.id);
    const bad: [Record<string, unknown>, string][] = [
      [{ ...DEFAULT_ANSWER, perceivedSafety: 'hög' }, 'input.values.perceivedSafety'],
      [{ ...DEFAULT_ANSWER, perceivedSafety: 6 }, 'input.values.perceivedSafety'],
      [{ ...DEFAULT_ANSWER, deviations: 1.5 }, 'input.values.deviations'],
      [{ ...DEFAULT_ANSWER, continuedUse: 'ja' }, 'input.values.continuedUse'],
      [{ ...DEFAULT_ANSWER, continuedUse: undefined }, 'input.values.continuedUse'],
      [{ ...DEFAULT_ANSWER, colour: 'blå' }, 'input.values.colour'],
    ];
    for (const [values, expected] of bad) {
      const response = await api.gql(ANSWER, { i: { followUpId, values } }, { token: actors.contact.token });
      expect([errorCode(response), field(response), response.errors?.[0]?.message]).toEqual([
        'BAD_USER_INPUT',
        expected,
        expect.stringContaining(expected.split('.').at(-1)!),
      ]);
    }
    const db = api.app.get(Db);
    expect(await db.manager.query(`SELECT id FROM follow_up_answers WHERE follow_up_id = $1`, [followUpId])).toEqual(
      [],
    );

    expect(
      errorCode(await api.gql(ANSWER, { i: { followUpId, values: DEFAULT_ANSWER } }, { token: viewer.token })),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await api.gql(ANSWER, { i: { followUpId, values: DEFAULT_ANSWER } }, { token: otherCoordinator.token }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await api.gql(ANSWER, { i: { followUpId: later, values: DEFAULT_ANSWER } }, { token: actors.contact.token }),
      ),
    ).toBe('CONFLICT');

    const first = await api.gql(
      ANSWER,
      { i: { followUpId, values: { ...DEFAULT_ANSWER, lessons: '  Bra stöd från teknikcoacher ' } } },
      { token: actors.contact.token },
    );
    expect(first.data?.answerFollowUp).toMatchObject({
      status: 'ANSWERED',
      answer: { version: 1, values: { ...DEFAULT_ANSWER, lessons: 'Bra stöd från teknikcoacher' } },
    });
    const noReason = await api.gql(
      ANSWER,
      { i: { followUpId, values: DEFAULT_ANSWER } },
      { token: actors.coordinator.token },
    );
    expect([errorCode(noReason), field(noReason)]).toEqual(['BAD_USER_INPUT', 'input.correctionReason']);
    const corrected = await api.gql(
      ANSWER,
      { i: { followUpId, values: { ...DEFAULT_ANSWER, deviations: 3 }, correctionReason: 'Två avvikelser saknades' } },
      { token: actors.coordinator.token },
    );
    expect(corrected.data?.answerFollowUp).toMatchObject({
      status: 'ANSWERED',
      answer: { version: 2, correctionReason: 'Två avvikelser saknades', values: { deviations: 3 } },
      answers: [{ version: 2 }, { version: 1 }],
    });
    await expect(
      db.manager.query(`UPDATE follow_up_answers SET values = '{}' WHERE follow_up_id = $1`, [followUpId]),
    ).rejects.toThrow(/immutable/);
  });

  it('rolls results up per product and category for everyone; raw answers stay with their organisation', async () => {
    const productId = await createProduct(api, actors.staff, 'MEDICATION_DISPENSER');
    const flen = { ...(await followUpActors(api, '0482', 'MEDICATION_DISPENSER')), productId };
    const mine = await recordImplementation(api, { ...actors, productId }, monthsAgo(13));
    const theirs = await recordImplementation(api, flen, monthsAgo(13));
    const katrineholm = { ...(await followUpActors(api, '0483', 'MEDICATION_DISPENSER')), productId };
    const third = await recordImplementation(api, katrineholm, monthsAgo(13));
    const [mine12] = await openDue(mine.id);
    const [theirs12] = await openDue(theirs.id);
    const [third12] = await openDue(third.id);
    await api.gql(
      ANSWER,
      { i: { followUpId: mine12, values: { ...DEFAULT_ANSWER, perceivedSafety: 4, continuedUse: true } } },
      { token: actors.contact.token },
    );
    await api.gql(
      ANSWER,
      {
        i: {
          followUpId: theirs12,
          values: { ...DEFAULT_ANSWER, perceivedSafety: 2, continuedUse: false, deviations: 5 },
        },
      },
      { token: flen.contact.token },
    );
    await api.gql(
      ANSWER,
      {
        i: {
          followUpId: third12,
          values: { ...DEFAULT_ANSWER, perceivedSafety: 3, continuedUse: true, deviations: 0 },
        },
      },
      { token: katrineholm.contact.token },
    );

    const results = await api.gql(
      `query($p: ID!) { followUpResults(productId: $p) {
        byProduct { productId wave suppressed due answered overdue organizations responseRate indicators { key responses sum mean distribution { value count } } }
        byCategory { categoryKey wave due answered } } }`,
      { p: productId },
      { token: otherCoordinator.token },
    );
    expect(results.errors).toBeUndefined();
    const [twelve, twentyFour] = results.data!.followUpResults.byProduct;
    expect(twelve).toMatchObject({
      productId,
      wave: 12,
      suppressed: false,
      due: 3,
      answered: 3,
      overdue: 0,
      organizations: 3,
      responseRate: 1,
    });
    expect(twentyFour).toMatchObject({ wave: 24, due: 0, answered: 0, responseRate: null });
    const indicator = (key: string) => twelve.indicators.find((i: { key: string }) => i.key === key);
    expect(indicator('perceivedSafety')).toMatchObject({
      responses: 3,
      sum: 9,
      mean: 3,
      distribution: [
        { value: '1', count: 0 },
        { value: '2', count: 1 },
        { value: '3', count: 1 },
        { value: '4', count: 1 },
        { value: '5', count: 0 },
      ],
    });
    expect(indicator('continuedUse')).toMatchObject({
      responses: 3,
      mean: 2 / 3,
      distribution: [
        { value: 'true', count: 2 },
        { value: 'false', count: 1 },
      ],
    });
    expect(indicator('deviations')).toMatchObject({ sum: 6, mean: 2 });
    expect(results.data?.followUpResults.byCategory).toEqual([
      { categoryKey: 'MEDICATION_DISPENSER', wave: 12, due: 3, answered: 3 },
      { categoryKey: 'MEDICATION_DISPENSER', wave: 24, due: 0, answered: 0 },
    ]);
    const raw = await api.gql(
      `{ followUps(first: 100) { nodes { id answer { values } } } }`,
      {},
      { token: flen.coordinator.token },
    );
    const seen = raw.data?.followUps.nodes.map((n: { id: string }) => n.id);
    expect(seen).toContain(theirs12);
    expect(seen).not.toContain(mine12);
  });

  it('withholds results over fewer than 3 organisations, and counts below 5 people, from other organisations (never as 0)', async () => {
    const RESULTS = `query($p: ID!) { followUpResults(productId: $p, wave: 12) {
      byProduct { suppressed suppression { reason minimum message } due answered organizations responseRate
                  indicators { key countsPeople sum mean suppression { reason minimum } } }
      byCategory { suppressed organizations } } }`;
    const productId = await createProduct(api, actors.staff, 'DIGITAL_SUPERVISION');
    const only = await recordImplementation(api, { ...actors, productId }, monthsAgo(13));
    const [onlyFollowUp] = await openDue(only.id);
    await api.gql(
      ANSWER,
      { i: { followUpId: onlyFollowUp, values: { ...DEFAULT_ANSWER, activeUsersMen: 1 } } },
      { token: actors.contact.token },
    );

    const asOther = await api.gql(RESULTS, { p: productId }, { token: otherCoordinator.token });
    expect(asOther.errors).toBeUndefined();
    expect(asOther.data?.followUpResults.byProduct).toEqual([
      {
        suppressed: true,
        suppression: {
          reason: 'TOO_FEW_ORGANIZATIONS',
          minimum: 3,
          message: 'Visas inte: färre än 3 organisationer ingår.',
        },
        due: null,
        answered: null,
        organizations: null,
        responseRate: null,
        indicators: null,
      },
    ]);
    const inEnglish = await api.gql(
      RESULTS,
      { p: productId },
      { token: otherCoordinator.token, headers: { 'accept-language': 'en' } },
    );
    expect(inEnglish.data?.followUpResults.byProduct[0].suppression.message).toBe(
      'Not shown: fewer than 3 organisations are included.',
    );

    const men = (response: GqlResponse) =>
      response.data?.followUpResults.byProduct[0].indicators.find((i: { key: string }) => i.key === 'activeUsersMen');
    for (const token of [actors.coordinator.token, viewer.token, actors.staff.token]) {
      const own = await api.gql(RESULTS, { p: productId }, { token });
      expect(own.data?.followUpResults.byProduct[0]).toMatchObject({
        suppressed: false,
        suppression: null,
        due: 1,
        answered: 1,
        organizations: 1,
        responseRate: 1,
      });
      expect(men(own)).toEqual({ key: 'activeUsersMen', countsPeople: true, sum: 1, mean: 1, suppression: null });
    }

    // Three organisations: the group is shown, but 1 + 1 + 1 men are still too few people; 0 identifies nobody.
    for (const code of ['0482', '0483']) {
      const municipality = { ...(await followUpActors(api, code, 'DIGITAL_SUPERVISION')), productId };
      const implementation = await recordImplementation(api, municipality, monthsAgo(13));
      const [followUpId] = await openDue(implementation.id);
      await api.gql(
        ANSWER,
        { i: { followUpId, values: { ...DEFAULT_ANSWER, activeUsersMen: 1, activeUsersOther: 0 } } },
        { token: municipality.contact.token },
      );
    }
    const shared = await api.gql(RESULTS, { p: productId }, { token: otherCoordinator.token });
    expect(shared.data?.followUpResults.byProduct[0]).toMatchObject({
      suppressed: false,
      due: 3,
      answered: 3,
      organizations: 3,
    });
    expect(men(shared)).toEqual({
      key: 'activeUsersMen',
      countsPeople: true,
      sum: null,
      mean: null,
      suppression: { reason: 'TOO_FEW_PEOPLE', minimum: 5 },
    });
    const indicators = shared.data?.followUpResults.byProduct[0].indicators;
    expect(indicators.find((i: { key: string }) => i.key === 'activeUsersWomen')).toMatchObject({
      sum: 21,
      suppression: null,
    });
    expect(indicators.find((i: { key: string }) => i.key === 'activeUsersOther')).toMatchObject({
      sum: 0,
      suppression: null,
    });
    expect(indicators.find((i: { key: string }) => i.key === 'deviations')).toMatchObject({
      countsPeople: false,
      sum: 3,
    });
    expect(men(await api.gql(RESULTS, { p: productId }, { token: actors.staff.token }))).toMatchObject({
      sum: 3,
      suppression: null,
    });
  });

  it('pages follow-ups with a constant number of SQL statements', async () => {
    const municipality = await followUpActors(api, '0488');
    for (let i = 0; i < 6; i++) {
      const implementation = await recordImplementation(api, municipality, monthsAgo(13));
      const [twelve] = await openDue(implementation.id);
      await api.gql(
        ANSWER,
        { i: { followUpId: twelve, values: DEFAULT_ANSWER } },
        { token: municipality.contact.token },
      );
    }
    const query = `query($first: Int, $after: String) { followUps(first: $first, after: $after, wave: 12) {
      nodes { id wave dueOn status implementation { status product { name } organization { name } responsibleContact { displayName } followUps { wave } needs { id } }
              answer { version answeredBy { displayName } } indicatorSet { version indicators { key } } }
      pageInfo { hasNextPage endCursor } } }`;
    const small = await api.gql(query, { first: 2 }, { token: municipality.coordinator.token });
    const large = await api.gql(query, { first: 6 }, { token: municipality.coordinator.token });
    expect(large.errors).toBeUndefined();
    expect(large.data?.followUps.nodes).toHaveLength(6);
    expect(large.data?.followUps.nodes.every((n: { answer: { answeredBy: unknown } }) => n.answer.answeredBy)).toBe(
      true,
    );
    expect(large.sqlStatements).toBe(small.sqlStatements);
    const next = await api.gql(
      query,
      { first: 6, after: small.data?.followUps.pageInfo.endCursor },
      { token: municipality.coordinator.token },
    );
    expect(next.data?.followUps.nodes[0].id).toBe(large.data?.followUps.nodes[2].id);

    // The agreement card's figures of the product (ProductExperienceService's statements), from the same answers.
    const db = api.app.get(Db);
    const organizationId = municipality.coordinator.organizationId;
    expect(await implementationCounts(db.manager, municipality.productId, [organizationId])).toEqual([
      { organizationId, count: 6 },
    ]);
    expect(await outcomes(db.manager, municipality.productId, [organizationId])).toEqual([
      {
        organizationId,
        wave: 12,
        answered: 6,
        stillInUse: 6,
        perceivedSafety: '5.0',
        technicalFaults: 12,
        activeUsers: 66,
      },
    ]);
  });
});
