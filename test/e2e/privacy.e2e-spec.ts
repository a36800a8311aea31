import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, ManualClock, Role } from '#core';
import { PublishedAt1790001100000 } from '../../migrations/1790001100000-published-at.js';
import { createTestApi, errorCode, type GqlResponse, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, endorse, reportNeed } from '../support/needs-builders.js';
import { CHANGE_STATUS, CREATE_PROCUREMENT, JOIN, mobileAlarmProcurement } from '../support/procurement-builders.js';

const NEED = `query($id: ID!) { need(id: $id) { id status statusReason publishedAt mergedIntoId mergedInto { id } history { toStatus mergedIntoId } } }`;
const MERGE = `mutation($i: MergeNeedInput!) { mergeNeed(input: $i) { id } }`;
const PROCUREMENT = `query($id: ID!) { procurement(id: $id) { id status publishedAt } }`;

/** What one municipality must never learn about another's unpublished work or its people, and what participants must learn (issue 11, items 3, 5 and 13). */
describe('privacy: what was never published stays private; e-mail addresses stay within the organisation', () => {
  const clock = new ManualClock('2071-03-02T08:00:00.000Z');
  let api: TestApi;
  let staff: TestUser;
  let flenCoach: TestUser;
  let flenViewer: TestUser;
  let nykoping: TestUser;
  let nykopingCoach: TestUser;

  const ok = (response: GqlResponse) => {
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const needIds = async (user: TestUser, statuses: string[]) =>
    ok(
      await api.gql(
        `query($s: [NeedStatus!]) { needs(first: 100, statuses: $s) { nodes { id } } }`,
        { s: statuses },
        { token: user.token },
      ),
    ).needs.nodes.map((n: { id: string }) => n.id);

  beforeAll(async () => {
    api = await createTestApi(clock);
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    flenCoach = await createUser(api, '0482', [Role.TECH_COACH], 'flen-coach');
    flenViewer = await createUser(api, '0482', [Role.VIEWER], 'flen-viewer');
    nykoping = await createUser(api, '0480', [Role.MUNICIPALITY_COORDINATOR], 'nykoping-coordinator');
    nykopingCoach = await createUser(api, '0480', [Role.TECH_COACH], 'nykoping-coach');
  });
  afterAll(() => api.close());

  describe('item 3: visibility follows whether something was ever published', () => {
    it('keeps a need declined straight from NEW with its own organisation and node staff', async () => {
      const { id } = await reportNeed(api, flenCoach, {
        title: 'Brukare i Flen med demens går vilse nattetid',
        description: 'Namngivna brukare på Solgården beskrivs i detalj.',
      });
      ok(await changeStatus(api, staff, id, 'DECLINED', 'Gäller en enskild brukare, inte ett gemensamt behov'));

      expect(errorCode(await api.gql(NEED, { id }, { token: nykoping.token }))).toBe('NOT_FOUND');
      expect(await needIds(nykoping, ['DECLINED'])).not.toContain(id);
      for (const user of [flenViewer, staff])
        expect(ok(await api.gql(NEED, { id }, { token: user.token })).need).toMatchObject({
          id,
          status: 'DECLINED',
          publishedAt: null,
        });
    });

    it('keeps a need visible to all once triaged, even when declined later', async () => {
      const { id } = await reportNeed(api, flenCoach, { title: 'Digitala lås till nattpatrullen' });
      ok(await changeStatus(api, staff, id, 'TRIAGED', 'Delas av flera'));
      ok(await changeStatus(api, staff, id, 'DECLINED', 'Finns redan i ramavtal'));
      expect(ok(await api.gql(NEED, { id }, { token: nykoping.token })).need).toMatchObject({
        id,
        status: 'DECLINED',
        statusReason: 'Finns redan i ramavtal',
        publishedAt: clock.now().toISOString(),
      });
      expect(await needIds(nykoping, ['DECLINED'])).toContain(id);
    });

    it("never shows another organisation's NEW need through a merged duplicate's mergedIntoId or history", async () => {
      const survivor = await reportNeed(api, flenCoach, { title: 'Tillsynskamera i ordinärt boende' });
      const duplicate = await reportNeed(api, nykopingCoach, { title: 'Kamera för nattillsyn i ordinärt boende' });
      ok(await changeStatus(api, staff, duplicate.id, 'TRIAGED', 'Delas av flera'));
      ok(
        await api.gql(
          MERGE,
          { i: { needId: duplicate.id, intoNeedId: survivor.id, reason: 'Samma behov som ett nyare' } },
          { token: staff.token },
        ),
      );

      const seen = ok(await api.gql(NEED, { id: duplicate.id }, { token: nykoping.token })).need;
      expect(seen).toMatchObject({ status: 'MERGED', mergedIntoId: null, mergedInto: null });
      expect(seen.history.map((h: { mergedIntoId: string | null }) => h.mergedIntoId)).toEqual([null, null, null]);
      expect(JSON.stringify(seen)).not.toContain(survivor.id);
      const endorsed = await endorse(api, nykoping, duplicate.id);
      expect([errorCode(endorsed), endorsed.errors?.[0]?.extensions.field]).toEqual(['CONFLICT', 'input.needId']);
      expect(JSON.stringify(endorsed.errors)).not.toContain(survivor.id);
      const told = ok(
        await api.gql(
          `{ myNotifications(first: 20) { nodes { entityId params } } }`,
          {},
          { token: nykopingCoach.token },
        ),
      ).myNotifications.nodes;
      expect(
        told.find(
          (n: { entityId: string; params: { toStatus: string } }) =>
            n.entityId === duplicate.id && n.params.toStatus === 'MERGED',
        ).params.mergedIntoId,
      ).toBeNull();
      expect(JSON.stringify(told)).not.toContain(survivor.id);

      const asStaff = ok(await api.gql(NEED, { id: duplicate.id }, { token: staff.token })).need;
      expect(asStaff).toMatchObject({ mergedIntoId: survivor.id, mergedInto: { id: survivor.id } });
      expect(asStaff.history.at(-1)).toEqual({ toStatus: 'MERGED', mergedIntoId: survivor.id });
      // Once the survivor is triaged it is public, and so is the link.
      ok(await changeStatus(api, staff, survivor.id, 'TRIAGED', 'Delas av flera'));
      expect(ok(await api.gql(NEED, { id: duplicate.id }, { token: nykoping.token })).need).toMatchObject({
        mergedIntoId: survivor.id,
        mergedInto: { id: survivor.id },
      });
    });

    it('keeps a procurement cancelled while PLANNED private, in GraphQL and in the OCDS export without a token', async () => {
      const planned = ok(
        await api.gql(
          CREATE_PROCUREMENT,
          { i: mobileAlarmProcurement({ participationOpensOn: '2071-03-10', participationClosesOn: '2071-04-10' }) },
          { token: staff.token },
        ),
      ).createProcurement.id;
      ok(
        await api.gql(
          CHANGE_STATUS,
          { i: { id: planned, status: 'CANCELLED', reason: 'Budgeten räckte inte' } },
          { token: staff.token },
        ),
      );

      expect(errorCode(await api.gql(PROCUREMENT, { id: planned }, { token: nykoping.token }))).toBe('NOT_FOUND');
      const listed = ok(
        await api.gql(`{ procurements(first: 100) { nodes { id } } }`, {}, { token: nykoping.token }),
      ).procurements.nodes.map((n: { id: string }) => n.id);
      expect(listed).not.toContain(planned);
      expect((await api.get(`/ocds/procurements/${planned}`)).status).toBe(404);
      expect((await api.get(`/ocds/procurements/${planned}`, nykoping.token)).status).toBe(404);
      expect(ok(await api.gql(PROCUREMENT, { id: planned }, { token: staff.token })).procurement).toMatchObject({
        status: 'CANCELLED',
        publishedAt: null,
      });
      expect((await api.get(`/ocds/procurements/${planned}`, staff.token)).status).toBe(200);

      const announced = ok(
        await api.gql(
          CREATE_PROCUREMENT,
          { i: mobileAlarmProcurement({ participationOpensOn: '2071-03-10', participationClosesOn: '2071-04-10' }) },
          { token: staff.token },
        ),
      ).createProcurement.id;
      ok(
        await api.gql(
          CHANGE_STATUS,
          { i: { id: announced, status: 'OPEN_FOR_PARTICIPATION' } },
          { token: staff.token },
        ),
      );
      ok(
        await api.gql(
          CHANGE_STATUS,
          { i: { id: announced, status: 'CANCELLED', reason: 'För få deltagare' } },
          { token: staff.token },
        ),
      );
      expect(ok(await api.gql(PROCUREMENT, { id: announced }, { token: nykoping.token })).procurement).toMatchObject({
        status: 'CANCELLED',
        publishedAt: clock.now().toISOString(),
      });
      expect((await api.get(`/ocds/procurements/${announced}`)).status).toBe(200);
    });
  });

  describe('item 3: the migration', () => {
    it('backfills publishedAt from the status histories: reverting and reapplying it gives the same values', async () => {
      const db = api.app.get(Db);
      const snapshot = async () => ({
        needs: await db.manager.query(`SELECT id, status, published_at FROM needs ORDER BY id`),
        procurements: await db.manager.query(`SELECT id, status, published_at FROM procurements ORDER BY id`),
      });
      const before = await snapshot();
      expect(before.needs.filter((n: { published_at: Date | null }) => n.published_at === null).length).toBeGreaterThan(
        0,
      );
      expect(before.needs.filter((n: { published_at: Date | null }) => n.published_at !== null).length).toBeGreaterThan(
        0,
      );
      expect(
        before.procurements.map((p: { status: string; published_at: Date | null }) => [
          p.status,
          p.published_at === null,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['CANCELLED', true],
          ['CANCELLED', false],
        ]),
      );
      const runner = db.manager.connection.createQueryRunner();
      try {
        const migration = new PublishedAt1790001100000();
        await migration.down(runner);
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('item 8: duplicates before triage', () => {
    const AWAITING = `query($t: String!, $d: String) { similarNeedsAwaitingTriage(title: $t, description: $d) { count } }`;
    const DUPLICATES = `query($first: Int) { needs(first: $first, statuses: [NEW], sort: NEWEST) { nodes { id organization { code } possibleDuplicates { score need { id title organization { code } } } } } }`;
    const draft = {
      t: 'Spisvakter stänger av spisen för sent',
      d: 'Brukare med demens glömmer spisen på och spisvakten reagerar för sent.',
    };
    let flenStove: string;
    let trosaStove: string;
    let trosaCoach: TestUser;

    it('tells the drafter how many similar needs of other organisations await triage, without their text or ids', async () => {
      trosaCoach = await createUser(api, '0488', [Role.TECH_COACH], 'trosa-coach');
      flenStove = (
        await reportNeed(api, flenCoach, {
          title: 'Spisvakten stänger inte av spisen i tid',
          description: 'Brukare med demens glömmer spisen på; spisvakten reagerar för sent.',
        })
      ).id;
      trosaStove = (
        await reportNeed(api, trosaCoach, {
          title: 'Spisvakt som stänger av spisen för sent',
          description: 'Spisvakterna hos brukare med demens stänger av spisen först efter lång tid.',
        })
      ).id;
      await reportNeed(api, nykopingCoach, {
        title: 'Läkemedelsautomat larmar inte vid missad dos',
        description: 'Automaten larmar inte när brukaren missar en dos.',
      });

      const fromNykoping = await api.gql(AWAITING, draft, { token: nykopingCoach.token });
      expect(fromNykoping.data?.similarNeedsAwaitingTriage).toEqual({ count: 2 });
      expect(JSON.stringify(fromNykoping)).not.toMatch(new RegExp(`${flenStove}|${trosaStove}|Spisvakten`));
      // The drafter's own organisation's needs are not "others'" (they see those in similarNeeds).
      expect(ok(await api.gql(AWAITING, draft, { token: flenViewer.token })).similarNeedsAwaitingTriage.count).toBe(1);
      expect(
        ok(await api.gql(AWAITING, { t: 'Digitala lås till nattpatrullen' }, { token: nykopingCoach.token }))
          .similarNeedsAwaitingTriage.count,
      ).toBe(0);
      // Once triaged, a need is public and shows in similarNeeds instead.
      ok(await changeStatus(api, staff, trosaStove, 'TRIAGED', 'Delas av flera'));
      expect(ok(await api.gql(AWAITING, draft, { token: nykopingCoach.token })).similarNeedsAwaitingTriage.count).toBe(
        1,
      );
      const bad = await api.gql(AWAITING, { t: '' }, { token: nykopingCoach.token });
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    });

    it("gives node staff each NEW need's likely duplicates across the county, with a bounded number of SQL statements", async () => {
      const page = ok(await api.gql(DUPLICATES, { first: 50 }, { token: staff.token })).needs.nodes;
      const flen = page.find((n: { id: string }) => n.id === flenStove);
      expect(flen.possibleDuplicates.map((d: { need: { id: string } }) => d.need.id)).toEqual([trosaStove]);
      expect(flen.possibleDuplicates[0]).toMatchObject({
        score: expect.any(Number),
        need: { organization: { code: '0488' } },
      });
      for (const node of page)
        expect(node.possibleDuplicates.map((d: { need: { id: string } }) => d.need.id)).not.toContain(node.id);

      for (const title of [
        'Spisvakt utan larm till hemtjänsten',
        'Spisvakten larmar för ofta',
        'Spisvakter i särskilt boende',
      ])
        await reportNeed(api, trosaCoach, { title });
      const small = await api.gql(DUPLICATES, { first: 2 }, { token: staff.token });
      const large = await api.gql(DUPLICATES, { first: 20 }, { token: staff.token });
      expect(small.data?.needs.nodes).toHaveLength(2);
      expect(large.data?.needs.nodes.length).toBeGreaterThanOrEqual(5);
      expect(
        large.data?.needs.nodes.filter((n: { possibleDuplicates: unknown[] }) => n.possibleDuplicates.length > 0)
          .length,
      ).toBeGreaterThanOrEqual(3);
      // The same statements for 2 or 20 needs: the user's read, the page, the duplicates of the whole page, and the
      // duplicates themselves with their organisations, whichever organisations the page holds (none when the two
      // newest needs happen to have no likely duplicate).
      expect(Math.abs(large.sqlStatements - small.sqlStatements)).toBeLessThanOrEqual(1);
      expect(Math.max(large.sqlStatements, small.sqlStatements)).toBeLessThanOrEqual(4);

      const asMember = ok(await api.gql(DUPLICATES, { first: 50 }, { token: flenViewer.token })).needs.nodes;
      expect(asMember.find((n: { id: string }) => n.id === flenStove).possibleDuplicates).toBeNull();
    });
  });

  describe('item 13: the people affected are told', () => {
    it('notifies the participants of a cancelled procurement, with the reason in-app, and nobody else', async () => {
      const created = ok(
        await api.gql(
          CREATE_PROCUREMENT,
          { i: mobileAlarmProcurement({ participationOpensOn: '2071-03-02', participationClosesOn: '2071-04-10' }) },
          { token: staff.token },
        ),
      ).createProcurement;
      ok(
        await api.gql(
          CHANGE_STATUS,
          { i: { id: created.id, status: 'OPEN_FOR_PARTICIPATION' } },
          { token: staff.token },
        ),
      );
      const volumes = created.lots.map((lot: { id: string }) => ({ lotId: lot.id, estimatedVolume: 10 }));
      ok(
        await api.gql(
          JOIN,
          {
            i: { procurementId: created.id, contactName: 'Kontakt i Nyköping', contactEmail: nykoping.email, volumes },
          },
          { token: nykoping.token },
        ),
      );
      const flenCoordinator = await createUser(api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'flen-coordinator');
      ok(
        await api.gql(
          CHANGE_STATUS,
          { i: { id: created.id, status: 'CANCELLED', reason: 'Ingen leverantör uppfyllde kraven' } },
          { token: staff.token },
        ),
      );

      const told = async (user: TestUser) =>
        ok(
          await api.gql(
            `{ myNotifications(first: 50) { nodes { kind entityId title params } } }`,
            {},
            { token: user.token },
          ),
        ).myNotifications.nodes.filter(
          (n: { kind: string; entityId: string }) => n.kind === 'procurement.cancelled' && n.entityId === created.id,
        );
      expect(await told(nykoping)).toEqual([
        {
          kind: 'procurement.cancelled',
          entityId: created.id,
          title: expect.stringContaining('är avbruten'),
          params: { procurementId: created.id, reason: 'Ingen leverantör uppfyllde kraven' },
        },
      ]);
      expect(await told(flenCoordinator)).toEqual([]);
      expect(await told(nykopingCoach)).toEqual([]);
    });
  });

  describe("item 5: e-mail addresses of other organisations' users", () => {
    it('shows name and organisation to other organisations, the e-mail address only within the organisation and to node staff', async () => {
      const { id } = await reportNeed(api, flenCoach, { title: 'Påminnelser om läkemedel i hemtjänsten' });
      ok(await changeStatus(api, staff, id, 'TRIAGED', 'Delas av flera'));
      ok(await endorse(api, nykopingCoach, id, { comment: 'Samma hos oss' }));
      ok(
        await api.gql(
          `mutation($i: CommentOnNeedInput!) { commentOnNeed(input: $i) { id } }`,
          { i: { needId: id, body: 'Vi testar gärna' } },
          { token: nykopingCoach.token },
        ),
      );
      const QUERY = `query($id: ID!) { need(id: $id) {
        reporter { displayName email organization { code } }
        endorsements { endorsedBy { displayName email organization { code } } }
        comments { author { displayName email } }
        history { changedBy { displayName email } } } }`;

      const fromNykoping = ok(await api.gql(QUERY, { id }, { token: nykoping.token })).need;
      expect(fromNykoping.reporter).toEqual({
        displayName: expect.stringContaining('flen-coach'),
        email: null,
        organization: { code: '0482' },
      });
      expect(fromNykoping.endorsements[0].endorsedBy).toMatchObject({
        email: nykopingCoach.email,
        organization: { code: '0480' },
      });
      expect(fromNykoping.comments[0].author.email).toBe(nykopingCoach.email);
      expect(fromNykoping.history.at(-1).changedBy).toEqual({ displayName: expect.any(String), email: null });

      const fromFlen = ok(await api.gql(QUERY, { id }, { token: flenViewer.token })).need;
      expect(fromFlen.reporter.email).toBe(flenCoach.email);
      expect(fromFlen.endorsements[0].endorsedBy).toMatchObject({
        displayName: expect.stringContaining('nykoping-coach'),
        email: null,
      });
      expect(fromFlen.comments[0].author.email).toBeNull();

      const fromStaff = ok(await api.gql(QUERY, { id }, { token: staff.token })).need;
      expect([
        fromStaff.reporter.email,
        fromStaff.endorsements[0].endorsedBy.email,
        fromStaff.comments[0].author.email,
        fromStaff.history.at(-1).changedBy.email,
      ]).toEqual([flenCoach.email, nykopingCoach.email, nykopingCoach.email, staff.email]);
      expect(ok(await api.gql(`{ me { email } }`, {}, { token: nykoping.token })).me.email).toBe(nykoping.email);
    });
  });
});
