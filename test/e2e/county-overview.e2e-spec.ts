import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { FollowUpStep, FollowUpWorkflowService } from '#followup';
import { createProduct, followUpsOf, recordImplementation } from '../support/followup-builders.js';

const OVERVIEW = `{ countyOverview {
  followUpsByMunicipality { organization { code } due answered overdue suppressed }
  equityByMunicipality { organization { code } population implementations implementationsPer10000 peopleAccepted peopleAcceptedPer10000 suppressed suppression { reason minimum message } }
  equityRest { municipalities peopleAccepted peopleAcceptedInCounty implementationsInCounty suppressed }
  equityBySizeClass { sizeClass implementations peopleAccepted suppressed suppression { reason } }
  equityBySex { women men otherOrUnknown suppressed }
} }`;

interface Row {
  organization: { code: string };
  [key: string]: unknown;
}

/**
 * The steering group's county overview under the small-number rule as the steering group needs it: follow-ups and
 * implementations are facts about organisations and always shown; only counts of 1–4 people are withheld, into a
 * "the rest" row that keeps the totals adding up without revealing any of them by subtraction.
 */
describe('county overview: facts about organisations shown, small groups of people withheld', () => {
  let api: TestApi;
  let staff: TestUser;
  const steering: Record<string, TestUser> = {};
  const people = (women: number, men: number) => ({
    offered: { women, men, otherOrUnknown: 0 },
    accepted: { women, men, otherOrUnknown: 0 },
    declined: { women: 0, men: 0, otherOrUnknown: 0 },
  });
  const byCode = (rows: Row[], code: string) => rows.find((r) => r.organization.code === code)!;
  const overview = async (user: TestUser) => {
    const response = await api.gql(OVERVIEW, {}, { token: user.token });
    expect(response.errors).toBeUndefined();
    return { ...response.data!.countyOverview, sqlStatements: response.sqlStatements };
  };

  beforeAll(async () => {
    api = await createTestApi();
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    const productId = await createProduct(api, staff, 'DIGITAL_SUPERVISION');
    // People who accepted: Flen 3, Trosa 1, Strängnäs 3 (each too few to show), Eskilstuna 30, Katrineholm none.
    for (const [code, counts] of [
      ['0482', people(2, 1)],
      ['0488', people(1, 0)],
      ['0486', people(0, 3)],
      ['0484', people(20, 10)],
      ['0483', undefined],
    ] as const) {
      const coordinator = await createUser(api, code, [Role.MUNICIPALITY_COORDINATOR], `coordinator ${code}`);
      const contact = await createUser(api, code, [Role.TECH_COACH], `contact ${code}`);
      const { id } = await recordImplementation(
        api,
        { staff, coordinator, contact, productId },
        '2025-06-01',
        counts ? { people: counts } : {},
      );
      // What the worker does when the 12-month follow-up falls due (its queues are covered by the worker e2e).
      for (const row of await followUpsOf(api, id))
        if (row.due_on <= '2026-11-22')
          await api.app.get(FollowUpWorkflowService).runStep(FollowUpStep.Open, {
            followUpId: row.id,
            dueOn: row.due_on,
            scheduleVersion: row.schedule_version,
          });
    }
    for (const code of ['0480', '0482']) steering[code] = await createUser(api, code, [Role.STEERING_MEMBER], code);
    // A municipality whose population is not known: its rates are "no data", not 0.
    await api.app.get(Db).manager.query(`UPDATE organizations SET population = NULL WHERE code = '0428'`);
  });
  afterAll(() => api?.close());

  it('shows every municipality its follow-ups and implementations, 0 as 0 and an unknown population as no data', async () => {
    const o = await overview(steering['0480']);
    const counted: { code: string; due: number; answered: number; overdue: number }[] = await api.app
      .get(Db)
      .manager.query(
        `SELECT o.code, count(*) FILTER (WHERE f.status = 'OPEN')::int AS due,
                count(*) FILTER (WHERE f.status = 'ANSWERED')::int AS answered,
                count(*) FILTER (WHERE f.status = 'OVERDUE')::int AS overdue
           FROM organizations o LEFT JOIN follow_ups f ON f.organization_id = o.id
          WHERE o.kind = 'MUNICIPALITY' GROUP BY o.code`,
      );
    expect(o.followUpsByMunicipality).toHaveLength(9);
    for (const row of counted)
      expect(byCode(o.followUpsByMunicipality, row.code)).toEqual({
        organization: { code: row.code },
        due: row.due,
        answered: row.answered,
        overdue: row.overdue,
        suppressed: false,
      });
    expect(counted.some((row) => row.due + row.overdue > 0)).toBe(true);

    expect(byCode(o.equityByMunicipality, '0482')).toMatchObject({ implementations: 1, implementationsPer10000: 0.6 });
    expect(byCode(o.equityByMunicipality, '0483')).toMatchObject({
      implementations: 1,
      peopleAccepted: 0,
      peopleAcceptedPer10000: 0,
      suppressed: false,
    });
    expect(byCode(o.equityByMunicipality, '0461')).toMatchObject({
      implementations: 0,
      implementationsPer10000: 0,
      peopleAccepted: 0,
      suppressed: false,
    });
    expect(byCode(o.equityByMunicipality, '0428')).toMatchObject({
      population: null,
      implementations: 0,
      implementationsPer10000: null,
      peopleAccepted: 0,
      peopleAcceptedPer10000: null,
    });
  });

  it('withholds only counts of 1–4 people from other municipalities, counted into the rest so the total adds up', async () => {
    const o = await overview(steering['0480']);
    for (const code of ['0482', '0488', '0486'])
      expect(byCode(o.equityByMunicipality, code)).toMatchObject({
        implementations: 1,
        peopleAccepted: null,
        peopleAcceptedPer10000: null,
        suppressed: true,
        suppression: {
          reason: 'TOO_FEW_PEOPLE',
          minimum: 5,
          message: 'Färre än 5 personer – visas inte för att ingen ska kunna pekas ut.',
        },
      });
    expect(byCode(o.equityByMunicipality, '0484')).toMatchObject({ peopleAccepted: 30, suppressed: false });
    expect(o.equityRest).toEqual({
      municipalities: 3,
      peopleAccepted: 7,
      peopleAcceptedInCounty: 37,
      implementationsInCounty: 5,
      suppressed: false,
    });
    const shown = o.equityByMunicipality.reduce((sum: number, m: Row) => sum + ((m.peopleAccepted as number) ?? 0), 0);
    expect(shown + o.equityRest.peopleAccepted).toBe(o.equityRest.peopleAcceptedInCounty);
    // A size class holding a withheld municipality would reveal it by subtraction; its implementations still show.
    const classes = Object.fromEntries(o.equityBySizeClass.map((c: { sizeClass: string }) => [c.sizeClass, c]));
    expect(classes.SMALL).toMatchObject({ implementations: 1, peopleAccepted: null, suppressed: true });
    expect(classes.MEDIUM).toMatchObject({ implementations: 3, peopleAccepted: null });
    expect(classes.LARGE).toMatchObject({ implementations: 1, peopleAccepted: 30, suppressed: false });
    expect(o.equityBySex).toEqual({ women: 23, men: 14, otherOrUnknown: 0, suppressed: false });
    expect(o.sqlStatements).toBeLessThanOrEqual(9);
  });

  it('shows a municipality its own small count, and hides the next smallest when the rest alone would reveal one', async () => {
    const o = await overview(steering['0482']);
    expect(byCode(o.equityByMunicipality, '0482')).toMatchObject({ peopleAccepted: 3, suppressed: false });
    // Trosa 1 and Strängnäs 3 make 4: Eskilstuna joins the rest, or the total minus the rows shown would give 4.
    expect(byCode(o.equityByMunicipality, '0484')).toMatchObject({
      peopleAccepted: null,
      suppression: { reason: 'REVEALS_FEW_PEOPLE' },
    });
    expect(o.equityRest).toMatchObject({ municipalities: 3, peopleAccepted: 34, peopleAcceptedInCounty: 37 });

    const asStaff = await overview(staff);
    expect(asStaff.equityByMunicipality.every((m: Row) => m.suppressed === false)).toBe(true);
    expect(byCode(asStaff.equityByMunicipality, '0488')).toMatchObject({ peopleAccepted: 1 });
    expect(asStaff.equityRest).toMatchObject({ municipalities: 0, peopleAccepted: 0, peopleAcceptedInCounty: 37 });
  });

  it('exports the same figures as CSV, with the plain reason where a count is withheld', async () => {
    const csv = (await api.get('/exports/overview.csv', steering['0480'].token)).body as string;
    expect(csv).toContain(
      'Trosa kommun;0488;14000;SMALL;1;0;0;1;;0,7;;Färre än 5 personer – visas inte för att ingen ska kunna pekas ut.\r\n',
    );
    expect(csv).toContain('Gnesta kommun;0461;11000;SMALL;0;0;0;0;0;0;0;\r\n');
    expect(csv).toContain('Övriga kommuner (3, sammanräknade);;;;;;;;7;;;\r\n');
    expect(csv).toMatch(/Hela länet;;\d+;;\d+;\d+;\d+;5;37;;;\r\n/);
  });
});
