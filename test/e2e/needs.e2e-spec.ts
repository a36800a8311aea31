import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, OrganizationKind, RequestContext, Role } from '#core';
import { NeedService, NeedStatus, NeedThreadService } from '#needs';
import { createTestApi, errorCode, type GqlResponse, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, endorse, NEED_FIELDS, reportNeed } from '../support/needs-builders.js';

const NEED = `query($id: ID!) { need(id: $id) { ${NEED_FIELDS}
  endorsements { organization { code } peopleAffected comment movedFromNeedId }
  history { fromStatus toStatus reason changedBy { id } linkEntityType linkEntityId }
  mergedInto { id } mergedNeeds { id } comments { body author { id } } } }`;
const SIMILAR = `query($t: String!, $d: String) { similarNeeds(title: $t, description: $d, first: 10) { score need { id title status organization { code } } } }`;
const LIST = `query($s: NeedSort, $org: ID, $statuses: [NeedStatus!], $q: String, $first: Int) {
  needs(sort: $s, organizationId: $org, statuses: $statuses, search: $q, first: $first) { nodes { id status endorsementCount peopleAffected } } }`;
const MERGE = `mutation($i: MergeNeedInput!) { mergeNeed(input: $i) { id endorsementCount peopleAffected } }`;
const MY_NEEDS = `{ myNeeds(first: 50) { nodes { id status statusReason mergedInto { id } } } }`;
const MY_NOTIFICATIONS = `{ myNotifications(first: 50) { nodes { kind title body entityId params } } }`;

function field(response: GqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.field;
}

describe('needs: report, similar, endorse, triage, merge, feedback', () => {
  let api: TestApi;
  let staff: TestUser;
  let flen: TestUser;
  let katrineholm: TestUser;
  let nykoping: TestUser;
  let strangnas: TestUser;
  let trosa: TestUser;
  let flenNeedId: string;
  let duplicateId: string;

  beforeAll(async () => {
    api = await createTestApi();
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    flen = await createUser(api, '0482', [Role.TECH_COACH], 'flen-coach');
    katrineholm = await createUser(api, '0483', [Role.TECH_COACH], 'katrineholm-coach');
    nykoping = await createUser(api, '0480', [Role.TECH_COACH], 'nykoping-coach');
    strangnas = await createUser(api, '0486', [Role.TECH_COACH], 'strangnas-coach');
    trosa = await createUser(api, '0488', [Role.MUNICIPALITY_COORDINATOR], 'trosa-coordinator');
  });
  afterAll(() => api.close());

  it('shows a Flen coach similar needs across the county before filing, then files the need', async () => {
    const existing = await reportNeed(api, strangnas, {
      title: 'Nattlig tillsyn väcker brukarna',
      description:
        'Tillsynsbesök på natten i hemtjänsten stör sömnen hos brukare. Vi vill se till dem utan att väcka dem.',
      category: 'DIGITAL_SUPERVISION',
      estimatedPeopleAffected: 8,
    });
    duplicateId = existing.id;
    expect((await changeStatus(api, staff, existing.id, 'TRIAGED')).errors).toBeUndefined();
    const hiddenNew = await reportNeed(api, nykoping, { title: 'Tillsyn på natten väcker brukare i Nyköping' });
    api.clock.advance(60_000);

    const similar = await api.gql(
      SIMILAR,
      { t: 'Tillsyn på natten väcker brukare', d: 'Brukarna vaknar av nattens tillsynsbesök' },
      { token: flen.token },
    );
    expect(similar.errors).toBeUndefined();
    const hits = similar.data?.similarNeeds as { score: number; need: { id: string } }[];
    const hit = hits.find((h) => h.need.id === existing.id);
    expect(hit?.score).toBeGreaterThan(0);
    expect(hits.map((h) => h.need.id)).not.toContain(hiddenNew.id);

    const filed = await api.gql(
      `mutation($i: ReportNeedInput!) { reportNeed(input: $i) { ${NEED_FIELDS} targetGroup setting source urgency hardToReach reporter { id } history { toStatus } } }`,
      {
        i: {
          title: 'Tillsyn på natten väcker brukare',
          description: 'Brukare i ordinärt boende vaknar av nattens tillsynsbesök och blir oroliga.',
          targetGroup: 'CARE_RECIPIENTS_ORDINARY_HOUSING',
          setting: 'HOME_CARE',
          source: 'STAFF',
          category: 'DIGITAL_SUPERVISION',
          urgency: 'HIGH',
          hardToReach: true,
          estimatedPeopleAffected: 12,
        },
      },
      { token: flen.token },
    );
    expect(filed.errors).toBeUndefined();
    expect(filed.data?.reportNeed).toMatchObject({
      status: 'NEW',
      organization: { code: '0482' },
      category: { key: 'DIGITAL_SUPERVISION' },
      reporter: { id: flen.id },
      hardToReach: true,
      endorsementCount: 0,
      peopleAffected: 12,
      history: [{ toStatus: 'NEW' }],
    });
    flenNeedId = filed.data?.reportNeed.id;
  });

  it("hides Flen's NEW need from Nyköping (NOT_FOUND, absent from lists and similar needs)", async () => {
    const direct = await api.gql(NEED, { id: flenNeedId }, { token: nykoping.token });
    expect(errorCode(direct)).toBe('NOT_FOUND');
    const list = await api.gql(LIST, { first: 100 }, { token: nykoping.token });
    expect((list.data?.needs.nodes as { id: string }[]).map((n) => n.id)).not.toContain(flenNeedId);
    const similar = await api.gql(SIMILAR, { t: 'Tillsyn på natten väcker brukare' }, { token: nykoping.token });
    expect((similar.data?.similarNeeds as { need: { id: string } }[]).map((s) => s.need.id)).not.toContain(flenNeedId);
    expect(errorCode(await endorse(api, nykoping, flenNeedId))).toBe('NOT_FOUND');
    expect(
      errorCode(
        await api.gql(
          `mutation($i: CommentOnNeedInput!) { commentOnNeed(input: $i) { id } }`,
          { i: { needId: flenNeedId, body: 'Hej' } },
          { token: nykoping.token },
        ),
      ),
    ).toBe('NOT_FOUND');
    // Its own organisation and node staff see it.
    expect((await api.gql(NEED, { id: flenNeedId }, { token: flen.token })).data?.need.status).toBe('NEW');
    expect((await api.gql(NEED, { id: flenNeedId }, { token: staff.token })).data?.need.status).toBe('NEW');
  });

  it('lets only node staff triage: a coach gets FORBIDDEN', async () => {
    const response = await changeStatus(api, flen, flenNeedId, 'TRIAGED', 'Själv');
    expect(errorCode(response)).toBe('FORBIDDEN');
    const triaged = await changeStatus(
      api,
      staff,
      flenNeedId,
      'TRIAGED',
      'Gäller flera kommuner; tas upp i testverksamheten.',
    );
    expect(triaged.errors).toBeUndefined();
    expect(triaged.data?.changeNeedStatus).toMatchObject({
      status: 'TRIAGED',
      statusReason: 'Gäller flera kommuner; tas upp i testverksamheten.',
    });
    // Once triaged, every member sees it.
    expect((await api.gql(NEED, { id: flenNeedId }, { token: nykoping.token })).data?.need.status).toBe('TRIAGED');
  });

  it('lets Katrineholm endorse once; Flen cannot endorse its own need', async () => {
    const endorsed = await endorse(api, katrineholm, flenNeedId, { comment: 'Samma sak hos oss', peopleAffected: 40 });
    expect(endorsed.errors).toBeUndefined();
    expect(endorsed.data?.endorseNeed).toMatchObject({ endorsementCount: 1, peopleAffected: 52 });
    const again = await endorse(api, katrineholm, flenNeedId);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(errorCode(await endorse(api, flen, flenNeedId))).toBe('CONFLICT');
    expect(errorCode(await endorse(api, staff, flenNeedId))).toBe('FORBIDDEN');

    const withdrawn = await api.gql(
      `mutation($id: ID!) { withdrawEndorsement(needId: $id) { endorsementCount peopleAffected } }`,
      { id: flenNeedId },
      { token: katrineholm.token },
    );
    expect(withdrawn.data?.withdrawEndorsement).toEqual({ endorsementCount: 0, peopleAffected: 12 });
    expect(
      (await endorse(api, katrineholm, flenNeedId, { comment: 'Samma sak hos oss', peopleAffected: 40 })).data
        ?.endorseNeed.endorsementCount,
    ).toBe(1);
  });

  it('keeps one endorsement per organisation when two colleagues endorse at the same time', async () => {
    const [a, b] = await Promise.all([
      createUser(api, '0481', [Role.TECH_COACH], 'oxelosund-a'),
      createUser(api, '0481', [Role.VIEWER], 'oxelosund-b'),
    ]);
    const results = await Promise.all([
      endorse(api, a, flenNeedId, { peopleAffected: 3 }),
      endorse(api, b, flenNeedId, { peopleAffected: 3 }),
    ]);
    expect(results.map(errorCode).sort()).toEqual(['CONFLICT', undefined]);
    const after = await api.gql(NEED, { id: flenNeedId }, { token: a.token });
    expect(after.data?.need).toMatchObject({ endorsementCount: 2, peopleAffected: 12 + 40 + 3 });
    const winner = errorCode(results[0]) ? b : a;
    const loser = winner === a ? b : a;
    const WITHDRAW = `mutation($id: ID!) { withdrawEndorsement(needId: $id) { endorsementCount } }`;
    expect(errorCode(await api.gql(WITHDRAW, { id: flenNeedId }, { token: loser.token }))).toBe('FORBIDDEN');
    expect(
      (await api.gql(WITHDRAW, { id: flenNeedId }, { token: winner.token })).data?.withdrawEndorsement.endorsementCount,
    ).toBe(1);
  });

  it('merges a duplicate into the survivor: endorsements move, one per organisation, the trail is kept', async () => {
    expect((await endorse(api, katrineholm, duplicateId, { peopleAffected: 30 })).errors).toBeUndefined();
    expect((await endorse(api, trosa, duplicateId, { peopleAffected: 5 })).errors).toBeUndefined();
    const FOLLOWED = `query($id: ID!) { need(id: $id) { followedByMe } }`;
    expect(
      (
        await api.gql(
          `mutation($id: ID!) { followNeed(needId: $id) { followedByMe } }`,
          { id: duplicateId },
          { token: nykoping.token },
        )
      ).errors,
    ).toBeUndefined();
    for (const user of [strangnas, trosa, nykoping])
      expect((await api.gql(FOLLOWED, { id: flenNeedId }, { token: user.token })).data?.need.followedByMe).toBe(false);
    expect(
      errorCode(
        await api.gql(
          MERGE,
          { i: { needId: duplicateId, intoNeedId: flenNeedId, reason: 'Dubblett' } },
          { token: flen.token },
        ),
      ),
    ).toBe('FORBIDDEN');
    const self = await api.gql(
      MERGE,
      { i: { needId: duplicateId, intoNeedId: duplicateId, reason: 'Dubblett' } },
      { token: staff.token },
    );
    expect(errorCode(self)).toBe('BAD_USER_INPUT');
    expect(field(self)).toBe('input.intoNeedId');

    const unknown = await api.gql(
      MERGE,
      { i: { needId: duplicateId, intoNeedId: '00000000-0000-4000-8000-000000000000', reason: 'Dubblett' } },
      { token: staff.token },
    );
    expect([errorCode(unknown), field(unknown)]).toEqual(['NOT_FOUND', 'input.intoNeedId']);

    const merged = await api.gql(
      MERGE,
      { i: { needId: duplicateId, intoNeedId: flenNeedId, reason: 'Samma behov som Flens; följ det.' } },
      { token: staff.token },
    );
    expect(merged.errors).toBeUndefined();
    // Katrineholm (kept once, its first endorsement), Trosa (moved), Strängnäs (the duplicate's own organisation).
    expect(merged.data?.mergeNeed).toEqual({ id: flenNeedId, endorsementCount: 3, peopleAffected: 12 + 40 + 5 + 8 });
    // The duplicate's reporter, its endorser and its follower now follow the survivor: they hear what becomes of it.
    for (const user of [strangnas, trosa, nykoping])
      expect((await api.gql(FOLLOWED, { id: flenNeedId }, { token: user.token })).data?.need.followedByMe).toBe(true);

    const survivor = await api.gql(NEED, { id: flenNeedId }, { token: staff.token });
    const endorsements = survivor.data?.need.endorsements as {
      organization: { code: string };
      peopleAffected: number;
      movedFromNeedId: string | null;
    }[];
    expect(endorsements.map((e) => e.organization.code).sort()).toEqual(['0483', '0486', '0488']);
    expect(endorsements.find((e) => e.organization.code === '0483')).toMatchObject({
      peopleAffected: 40,
      movedFromNeedId: null,
    });
    expect(endorsements.find((e) => e.organization.code === '0488')).toMatchObject({ movedFromNeedId: duplicateId });
    expect(survivor.data?.need.mergedNeeds).toEqual([{ id: duplicateId }]);

    const duplicate = await api.gql(NEED, { id: duplicateId }, { token: nykoping.token });
    expect(duplicate.data?.need).toMatchObject({
      status: 'MERGED',
      mergedIntoId: flenNeedId,
      mergedInto: { id: flenNeedId },
      endorsementCount: 0,
      endorsements: [],
    });
    expect(
      (duplicate.data?.need.history as { fromStatus: string; toStatus: string; reason: string }[]).map((h) => [
        h.fromStatus,
        h.toStatus,
        h.reason,
      ]),
    ).toEqual([
      [null, 'NEW', null],
      ['NEW', 'TRIAGED', null],
      ['TRIAGED', 'MERGED', 'Samma behov som Flens; följ det.'],
    ]);
    expect(errorCode(await endorse(api, nykoping, duplicateId))).toBe('CONFLICT');

    const list = await api.gql(LIST, { first: 100 }, { token: staff.token });
    expect((list.data?.needs.nodes as { id: string }[]).map((n) => n.id)).not.toContain(duplicateId);
    const mergedList = await api.gql(LIST, { first: 100, statuses: ['MERGED'] }, { token: staff.token });
    expect((mergedList.data?.needs.nodes as { id: string }[]).map((n) => n.id)).toContain(duplicateId);
  });

  it('tells the reporters what became of their needs, with the reason (myNeeds and myNotifications)', async () => {
    const mine = await api.gql(MY_NEEDS, {}, { token: strangnas.token });
    expect((mine.data?.myNeeds.nodes as { id: string }[]).find((n) => n.id === duplicateId)).toEqual({
      id: duplicateId,
      status: 'MERGED',
      statusReason: 'Samma behov som Flens; följ det.',
      mergedInto: { id: flenNeedId },
    });
    const notes = (await api.gql(MY_NOTIFICATIONS, {}, { token: strangnas.token })).data?.myNotifications.nodes as {
      kind: string;
      entityId: string;
      params: Record<string, unknown>;
      body: string;
    }[];
    const mergeNote = notes.find((n) => n.kind === 'need.statusChanged' && n.params.toStatus === 'MERGED');
    expect(mergeNote).toMatchObject({
      entityId: duplicateId,
      params: { reason: 'Samma behov som Flens; följ det.', mergedIntoId: flenNeedId },
    });
    expect(mergeNote?.body).not.toContain('Samma behov som Flens');

    const flenMine = await api.gql(MY_NEEDS, {}, { token: flen.token });
    expect((flenMine.data?.myNeeds.nodes as { id: string }[]).find((n) => n.id === flenNeedId)).toEqual({
      id: flenNeedId,
      status: 'TRIAGED',
      statusReason: 'Gäller flera kommuner; tas upp i testverksamheten.',
      mergedInto: null,
    });
    const flenNotes = (await api.gql(MY_NOTIFICATIONS, {}, { token: flen.token })).data?.myNotifications.nodes as {
      kind: string;
      params: Record<string, unknown>;
    }[];
    expect(flenNotes.find((n) => n.kind === 'need.statusChanged')?.params).toMatchObject({
      toStatus: 'TRIAGED',
      reason: 'Gäller flera kommuner; tas upp i testverksamheten.',
    });
    expect(flenNotes.some((n) => n.kind === 'need.endorsed')).toBe(true);
    expect(flenNotes.find((n) => n.kind === 'need.duplicateMerged')?.params).toEqual({
      needId: flenNeedId,
      mergedNeedId: duplicateId,
    });
  });

  it('sorts by how widely a need is shared, and lets those who see a need comment on it', async () => {
    api.clock.advance(60_000);
    const lonely = await reportNeed(api, trosa, { title: 'Läkemedelsautomat larmar för sent' });
    await changeStatus(api, staff, lonely.id, 'TRIAGED');
    const shared = await api.gql(LIST, { first: 100, s: 'MOST_SHARED' }, { token: katrineholm.token });
    const ids = (shared.data?.needs.nodes as { id: string }[]).map((n) => n.id);
    expect(ids.indexOf(flenNeedId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(flenNeedId)).toBeLessThan(ids.indexOf(lonely.id));
    const newest = await api.gql(LIST, { first: 100, s: 'NEWEST' }, { token: katrineholm.token });
    const newestIds = (newest.data?.needs.nodes as { id: string }[]).map((n) => n.id);
    expect(newestIds.indexOf(lonely.id)).toBeGreaterThanOrEqual(0);
    expect(newestIds.indexOf(lonely.id)).toBeLessThan(newestIds.indexOf(flenNeedId));
    const byText = await api.gql(LIST, { first: 100, q: 'läkemedelsautomat larmade' }, { token: katrineholm.token });
    const found = (byText.data?.needs.nodes as { id: string }[]).map((n) => n.id);
    expect(found).toContain(lonely.id);
    expect(found).not.toContain(flenNeedId);

    const comment = await api.gql(
      `mutation($i: CommentOnNeedInput!) { commentOnNeed(input: $i) { body author { id } organization { code } } }`,
      { i: { needId: flenNeedId, body: 'Vi testade kamera i fjol.' } },
      { token: katrineholm.token },
    );
    expect(comment.data?.commentOnNeed).toEqual({
      body: 'Vi testade kamera i fjol.',
      author: { id: katrineholm.id },
      organization: { code: '0483' },
    });
    expect((await api.gql(NEED, { id: flenNeedId }, { token: flen.token })).data?.need.comments).toEqual([
      { body: 'Vi testade kamera i fjol.', author: { id: katrineholm.id } },
    ]);
  });

  it('refuses an illegal transition with CONFLICT naming the allowed ones, and DECLINED without a reason', async () => {
    const fresh = await reportNeed(api, flen, { title: 'Digitala lås krånglar vid strömavbrott' });
    const illegal = await changeStatus(api, staff, fresh.id, 'ADDRESSED', 'Klart');
    expect(errorCode(illegal)).toBe('CONFLICT');
    expect(illegal.errors?.[0]?.extensions.params.allowed).toEqual(['TRIAGED', 'DECLINED', 'MERGED']);
    expect(illegal.errors?.[0]?.message).toContain('TRIAGED, DECLINED, MERGED');
    const noReason = await changeStatus(api, staff, fresh.id, 'DECLINED');
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    expect(field(noReason)).toBe('input.reason');
    const viaStatus = await changeStatus(api, staff, fresh.id, 'MERGED', 'x');
    expect(field(viaStatus)).toBe('input.status');
    expect(
      (await changeStatus(api, staff, fresh.id, 'DECLINED', 'Löses av leverantörens uppdatering.')).data
        ?.changeNeedStatus.status,
    ).toBe('DECLINED');
    const fromDeclined = await changeStatus(api, staff, fresh.id, 'IN_TEST');
    expect(errorCode(fromDeclined)).toBe('CONFLICT');
    expect(fromDeclined.errors?.[0]?.extensions.params.allowed).toEqual(['TRIAGED']);
  });

  it('answers bad input with BAD_USER_INPUT naming the field, and an unknown category with NOT_FOUND', async () => {
    const report = (overrides: Record<string, unknown>) =>
      api.gql(
        `mutation($i: ReportNeedInput!) { reportNeed(input: $i) { id } }`,
        {
          i: {
            title: 'T',
            description: 'D',
            targetGroup: 'STAFF',
            setting: 'HOME_CARE',
            source: 'STAFF',
            ...overrides,
          },
        },
        { token: flen.token },
      );
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '   ' }, 'input.title'],
      [{ title: 'x'.repeat(201) }, 'input.title'],
      [{ description: '' }, 'input.description'],
      [{ description: 'x'.repeat(10_001) }, 'input.description'],
      [{ estimatedPeopleAffected: -1 }, 'input.estimatedPeopleAffected'],
    ];
    for (const [overrides, path] of cases) {
      const response = await report(overrides);
      expect([errorCode(response), field(response)]).toEqual(['BAD_USER_INPUT', path]);
    }
    const unknown = await report({ category: 'TELEPORTER' });
    expect([errorCode(unknown), field(unknown)]).toEqual(['NOT_FOUND', 'input.category']);
    const badId = await api.gql(`{ need(id: "not-an-id") { id } }`, {}, { token: flen.token });
    expect([errorCode(badId), field(badId)]).toEqual(['BAD_USER_INPUT', 'id']);
    const badEndorse = await endorse(api, katrineholm, flenNeedId, { peopleAffected: -5 });
    expect([errorCode(badEndorse), field(badEndorse)]).toEqual(['BAD_USER_INPUT', 'input.peopleAffected']);
    const badSimilar = await api.gql(SIMILAR, { t: '' }, { token: flen.token });
    expect([errorCode(badSimilar), field(badSimilar)]).toEqual(['BAD_USER_INPUT', 'title']);
    const unknownNeed = await changeStatus(api, staff, '00000000-0000-4000-8000-000000000000', 'TRIAGED');
    expect([errorCode(unknownNeed), field(unknownNeed)]).toEqual(['NOT_FOUND', 'input.needId']);
  });

  it('lets later steps move linked needs along inside their transaction (NeedThreadService) and check links', async () => {
    const db = api.app.get(Db);
    const thread = api.app.get(NeedThreadService);
    const needService = api.app.get(NeedService);
    const ctx = RequestContext.system(staff.organizationId);
    const fresh = await reportNeed(api, flen, { title: 'Anhöriga vill se om larmet fungerar' });
    const fakeTestId = '11111111-1111-4111-8111-111111111111';
    const result = await db.transaction(async (tx) => {
      const linkable = await needService.assertLinkable(ctx, tx, [fresh.id, flenNeedId], 'input.needIds');
      expect(linkable.map((n) => n.id)).toEqual([fresh.id, flenNeedId]);
      return thread.advance(
        ctx,
        tx,
        [fresh.id, flenNeedId, duplicateId],
        NeedStatus.IN_TEST,
        'Testas i länets testverksamhet.',
        { entityType: 'TestProtocol', entityId: fakeTestId },
      );
    });
    expect(result.advanced.map((a) => a.needId).sort()).toEqual([fresh.id, flenNeedId].sort());
    expect(result.skipped).toEqual([duplicateId]);
    const moved = await api.gql(NEED, { id: fresh.id }, { token: flen.token });
    expect(moved.data?.need.status).toBe('IN_TEST');
    expect(
      (moved.data?.need.history as { toStatus: string; linkEntityId: string | null }[]).map((h) => [
        h.toStatus,
        h.linkEntityId,
      ]),
    ).toEqual([
      ['NEW', null],
      ['TRIAGED', fakeTestId],
      ['IN_TEST', fakeTestId],
    ]);
    const notes = (await api.gql(MY_NOTIFICATIONS, {}, { token: flen.token })).data?.myNotifications.nodes as {
      entityId: string;
      params: { toStatus: string };
    }[];
    expect(
      notes
        .filter((n) => n.entityId === fresh.id)
        .map((n) => n.params.toStatus)
        .sort(),
    ).toEqual(['IN_TEST', 'TRIAGED']);

    await expect(
      db.transaction((tx) =>
        thread.advance(ctx, tx, [fresh.id], NeedStatus.DECLINED, null, {
          entityType: 'TestDecision',
          entityId: fakeTestId,
        }),
      ),
    ).rejects.toMatchObject({
      reason: 'NEED_REASON_REQUIRED',
    });

    const nykopingCtx = new RequestContext({
      userId: nykoping.id,
      organizationId: nykoping.organizationId,
      organizationKind: OrganizationKind.MUNICIPALITY,
      roles: [Role.TECH_COACH],
    });
    const hidden = await reportNeed(api, flen, { title: 'Ännu inte granskat' });
    await expect(
      db.transaction((tx) => needService.assertLinkable(nykopingCtx, tx, [hidden.id], 'input.needIds')),
    ).rejects.toMatchObject({ reason: 'NEED_NOT_FOUND', details: { field: 'input.needIds.0' } });
    await expect(
      db.transaction((tx) => needService.assertLinkable(ctx, tx, [flenNeedId, duplicateId], 'input.needIds')),
    ).rejects.toMatchObject({ reason: 'NEED_MERGED', details: { field: 'input.needIds.1' } });
  });

  it('pages 50 needs with the same number of SQL statements as 2', async () => {
    // A word of its own in every title, so needs other test files report cannot change the pages.
    const marker = `massbehov${randomUUID().slice(0, 8).replace(/\d/g, 'x')}`;
    const gnesta = await createUser(api, '0461', [Role.TECH_COACH], 'gnesta-coach');
    const vingaker = await createUser(api, '0428', [Role.TECH_COACH], 'vingaker-coach');
    for (let i = 0; i < 52; i++) {
      api.clock.advance(1000);
      const need = await reportNeed(api, gnesta, {
        title: `Behov ${marker} nummer ${i}`,
        category: i % 2 ? 'GPS_ALARM' : 'DIGITAL_LOCK',
        estimatedPeopleAffected: i,
      });
      // Both pages (2 newest, 2 most shared) hold triaged and endorsed needs, so they touch the same relations.
      if (i % 5 === 0 || i >= 50) {
        await changeStatus(api, staff, need.id, 'TRIAGED', 'Granskat');
        await endorse(api, vingaker, need.id, { peopleAffected: i });
      }
    }
    const query = `query($first: Int, $after: String, $org: ID, $s: NeedSort, $q: String) { needs(first: $first, after: $after, organizationId: $org, sort: $s, search: $q, statuses: [NEW, TRIAGED]) {
      nodes { id title organization { name } reporter { displayName organization { code } } category { key }
        endorsements { organization { code } endorsedBy { displayName } } endorsedByMyOrganization
        history { changedBy { displayName } } mergedInto { id } mergedNeeds { id } comments { author { id } } }
      pageInfo { hasNextPage endCursor } } }`;
    for (const sort of ['NEWEST', 'MOST_SHARED']) {
      const small = await api.gql(
        query,
        { first: 2, org: gnesta.organizationId, s: sort, q: marker },
        { token: gnesta.token },
      );
      const large = await api.gql(
        query,
        { first: 50, org: gnesta.organizationId, s: sort, q: marker },
        { token: gnesta.token },
      );
      expect(small.errors).toBeUndefined();
      expect(large.errors).toBeUndefined();
      expect(large.data?.needs.nodes).toHaveLength(50);
      expect(large.sqlStatements).toBeGreaterThan(0);
      expect(large.sqlStatements).toBe(small.sqlStatements);
      const next = await api.gql(
        query,
        { first: 50, org: gnesta.organizationId, s: sort, q: marker, after: large.data?.needs.pageInfo.endCursor },
        { token: gnesta.token },
      );
      const all = [...large.data!.needs.nodes, ...next.data!.needs.nodes].map((n: { id: string }) => n.id);
      expect(new Set(all).size).toBe(52);
    }
    // The list as the county view asks for it: the user's read and the page (organisation and category with it).
    const listPage = `query($org: ID, $q: String) { needs(first: 50, organizationId: $org, search: $q, sort: MOST_SHARED) {
      nodes { id title status endorsementCount peopleAffected organization { name code } category { key labelSv } } pageInfo { endCursor hasNextPage } } }`;
    const page = await api.gql(listPage, { org: gnesta.organizationId, q: marker }, { token: vingaker.token });
    expect(page.errors).toBeUndefined();
    expect(page.data?.needs.nodes).toHaveLength(12);
    expect(page.data?.needs.nodes[0]).toMatchObject({
      organization: { code: '0461' },
      category: { key: expect.stringMatching(/GPS_ALARM|DIGITAL_LOCK/) },
    });
    expect(page.sqlStatements).toBeLessThanOrEqual(3);
  });

  it('finds the most alike need among hundreds that share its common words (its candidates are bounded)', async () => {
    const oxelosund = await createUser(api, '0481', [Role.TECH_COACH], 'oxelosund-coach');
    const target = await reportNeed(api, oxelosund, {
      title: 'Tillsynskamerans ljud väcker brukarna',
      description: 'Brukarna vaknar när kameran slår på under natten.',
    });
    await changeStatus(api, staff, target.id, 'TRIAGED', 'Delas av flera');
    // 700 triaged needs that share "brukare", "natt" and "tillsyn" with the draft, but not its title: more than any
    // one source of candidates takes, so the best match must come from the nearest titles.
    const columns: string[] = (
      await api.app.get(Db).manager.query(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'needs' AND is_generated = 'NEVER' AND column_default IS NULL AND column_name NOT IN ('title', 'description')`,
      )
    ).map((row: { column_name: string }) => row.column_name);
    await api.app.get(Db).manager.query(
      `INSERT INTO needs (title, description, ${columns.join(', ')})
       SELECT 'Brukare i behov av stöd ' || i || ' natt', 'Tillsyn av brukare på natten, fall ' || i, ${columns.join(', ')} FROM needs, generate_series(1, 700) AS i WHERE id = $1`,
      [target.id],
    );
    const similar = await api.gql(
      SIMILAR,
      { t: 'Tillsynskameran väcker brukare', d: 'Brukare vaknar av kamerans ljud på natten' },
      { token: flen.token },
    );
    expect(similar.errors).toBeUndefined();
    expect((similar.data?.similarNeeds as { need: { id: string } }[])[0].need.id).toBe(target.id);
    expect(similar.sqlStatements).toBeLessThanOrEqual(3);
    // At triage, node staff see the same need as the likely duplicate of a new report from another municipality.
    const report = await reportNeed(api, flen, {
      title: 'Tillsynskameran väcker brukarna',
      description: 'Brukarna vaknar av kamerans ljud på natten.',
    });
    const triage = await api.gql(
      `query($id: ID!) { need(id: $id) { possibleDuplicates { score need { id } } } }`,
      { id: report.id },
      { token: staff.token },
    );
    expect(triage.errors).toBeUndefined();
    expect((triage.data?.need.possibleDuplicates as { need: { id: string } }[])[0].need.id).toBe(target.id);
  });
});
