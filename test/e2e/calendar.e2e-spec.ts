import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { createTestApi, errorCode, type TestApi } from '../support/test-api.js';
import { createUser, login, type TestUser } from '../support/builders.js';
import {
  followUpActors,
  followUpsOf,
  recordImplementation,
  refreshTokens,
  type FollowUpActors,
} from '../support/followup-builders.js';
import { FollowUpStep, FollowUpWorkflowService } from '#followup';
import { createProduct } from '../support/catalog-builders.js';

/**
 * Every calendar date is a Swedish date. At 00:30 in Sweden on 23 November it is still 22 November in UTC:
 * each rule that compares with "today" must already say the 23rd.
 */
describe('one calendar: Europe/Stockholm', () => {
  let api: TestApi;
  let staff: TestUser;
  let coach: TestUser;
  let actors: FollowUpActors;

  const EVENING_UTC = '2026-11-22T20:00:00.000Z';
  const JUST_AFTER_SWEDISH_MIDNIGHT = '2026-11-22T23:30:00.000Z';

  beforeAll(async () => {
    api = await createTestApi();
    api.clock.set(EVENING_UTC);
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
    actors = await followUpActors(api, '0484', 'DIGITAL_SUPERVISION');
    const registered = await api.gql(
      `mutation { registerTechCoach(input: { unit: "Hemtjänst Flen", setting: HOME_CARE }) { id } }`,
      undefined,
      { token: coach.token },
    );
    expect(registered.errors).toBeUndefined();
  });
  afterAll(() => api.close());

  async function atSwedishMidnight() {
    api.clock.set(JUST_AFTER_SWEDISH_MIDNIGHT);
    for (const user of [staff, coach]) user.token = await login(api, user.email);
    await refreshTokens(api, actors);
  }

  it('standard conformance is valid by the Swedish date', async () => {
    const productA = await createProduct(api, staff, 'SAFETY_ALARM', 'Larm som går ut', ['1']);
    const productB = await createProduct(api, staff, 'SAFETY_ALARM', 'Larm som börjar gälla', ['1']);
    const record = (productId: string, dates: Record<string, string>) =>
      api.gql(
        `mutation($i: RecordStandardConformanceInput!) { recordStandardConformance(input: $i) { id } }`,
        { i: { productId, standard: 'SCAIP', role: 'SENDER', ...dates } },
        { token: staff.token },
      );
    expect((await record(productA, { validFrom: '2025-01-01', validTo: '2026-11-22' })).errors).toBeUndefined();
    expect((await record(productB, { validFrom: '2026-11-23', validTo: '2028-12-31' })).errors).toBeUndefined();
    const validToday = async () =>
      (
        await api.gql(`{ standardConformances(standard: "SCAIP", role: SENDER) { product { id } } }`, undefined, {
          token: coach.token,
        })
      ).data!.standardConformances.map((c: { product: { id: string } }) => c.product.id);

    expect(await validToday()).toEqual([productA]);
    await atSwedishMidnight();
    expect(await validToday()).toEqual([productB]);
    api.clock.set(EVENING_UTC);
  });

  it("a coach's activity may be dated today in Sweden, though UTC is still on yesterday", async () => {
    await atSwedishMidnight();
    const record = (occurredOn: string) =>
      api.gql(
        `mutation($i: RecordCoachActivityInput!) { recordCoachActivity(input: $i) { occurredOn } }`,
        { i: { kind: 'TRAINING', occurredOn, staffReached: 4 } },
        { token: coach.token },
      );
    const today = await record('2026-11-23');
    expect(today.errors).toBeUndefined();
    expect(today.data!.recordCoachActivity.occurredOn).toBe('2026-11-23');
    expect(errorCode(await record('2026-11-24'))).toBe('BAD_USER_INPUT');
    api.clock.set(EVENING_UTC);
  });

  it('a follow-up due today in Sweden counts as due in the results', async () => {
    api.clock.set(EVENING_UTC);
    for (const user of [staff, coach]) user.token = await login(api, user.email);
    await refreshTokens(api, actors);
    // Live since 23 November 2025: the 12-month follow-up is due on 23 November 2026.
    const implementation = await recordImplementation(api, actors, '2025-11-23');
    expect(implementation.followUps.find((f) => f.wave === 12)?.dueOn).toBe('2026-11-23');
    const due = async () =>
      (
        await api.gql(
          `query($p: ID!) { followUpResults(productId: $p, wave: 12) { byProduct { due } } }`,
          { p: actors.productId },
          { token: actors.staff.token },
        )
      ).data!.followUpResults.byProduct[0]?.due ?? 0;

    expect(await due()).toBe(0);
    const workflow = api.app.get(FollowUpWorkflowService);
    const [twelve] = await followUpsOf(api, implementation.id);
    const open = () =>
      workflow.runStep(FollowUpStep.Open, {
        followUpId: twelve.id,
        dueOn: twelve.due_on,
        scheduleVersion: twelve.schedule_version,
      });
    expect(await open()).toBe('not-due');

    await atSwedishMidnight();
    expect(await due()).toBe(1);
    // The reconciler finds it due at Swedish midnight and takes the step itself; the job then has nothing to do.
    expect(await workflow.reconcile()).toBeGreaterThanOrEqual(1);
    expect(await open()).toBe('nothing-to-do');
    expect((await followUpsOf(api, implementation.id))[0].status).toBe('OPEN');
  });
});
