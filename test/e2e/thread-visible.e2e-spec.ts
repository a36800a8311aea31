import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Db, ManualClock, Role } from '#core';
import { FollowUpStep, FollowUpWorkflowService } from '#followup';
import { ProcurementScanService } from '#procurement';
import { createTestApi, errorCode, type GqlResponse, type TestApi } from '../support/test-api.js';
import { createUser, login, organizationByCode, type TestUser } from '../support/builders.js';
import { endorse, reportNeed } from '../support/needs-builders.js';
import { createProtocol, changeStatus as changeProtocolStatus, vote } from '../support/testbed-builders.js';
import { createProduct, createSupplier, createSystem, setOrganizationSystem } from '../support/catalog-builders.js';
import {
  AWARD,
  CALL_OFF,
  CHANGE_STATUS,
  CREATE_PROCUREMENT,
  JOIN,
  mobileAlarmProcurement,
} from '../support/procurement-builders.js';
import { DEFAULT_ANSWER, followUpsOf } from '../support/followup-builders.js';

const TRACE = `query($t: ThreadEntityType!, $id: ID!) {
  trace(entityType: $t, id: $id) {
    nodes { entityType id title status startedOn endsOn organizations { code } followUps { wave dueOn status continuedUse } }
    edges { from to kind }
    municipalities { code }
  }
}`;
const NOTIFICATIONS = `{ myNotifications(first: 50) { nodes { kind entityId params } } }`;

interface TraceNode {
  entityType: string;
  id: string;
  status: string;
  organizations: { code: string | null }[];
  followUps: { wave: number; status: string; continuedUse: boolean | null }[];
}

/**
 * Issue 14: the thread made visible. A need reported by a coach in Flen goes all the way to a 12-month
 * follow-up answer; the trace shows it from either end, as far as each caller may see; the coach and an
 * endorsing municipality are told at each step.
 */
describe('the thread made visible: trace, links both ways, following a need', () => {
  // Each move of the clock logs a dozen users in again (password hashing): slow on a busy machine.
  jest.setTimeout(120_000);
  const clock = new ManualClock('2062-01-10T09:00:00.000Z');
  let api: TestApi;
  let staff: TestUser;
  let coach: TestUser;
  let flenCoordinator: TestUser;
  let eskilstuna: TestUser;
  let katrineholm: TestUser;
  let trosa: TestUser;
  const steering: TestUser[] = [];
  const ids: Record<string, string> = {};

  const ok = (response: GqlResponse) => {
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const everyone = () => [staff, coach, flenCoordinator, eskilstuna, katrineholm, trosa, ...steering];
  async function moveTo(instant: string): Promise<void> {
    clock.set(instant);
    for (const user of everyone()) user.token = await login(api, user.email);
  }
  const trace = async (user: TestUser, entityType: string, id: string) =>
    api.gql(TRACE, { t: entityType, id }, { token: user.token });
  const threadNews = async (user: TestUser) =>
    (
      ok(await api.gql(NOTIFICATIONS, {}, { token: user.token })).myNotifications.nodes as {
        kind: string;
        entityId: string;
        params: Record<string, string>;
      }[]
    )
      .filter(
        (n) =>
          n.kind.startsWith('need.') &&
          n.entityId === ids.need &&
          n.kind !== 'need.statusChanged' &&
          n.kind !== 'need.endorsed',
      )
      .map((n) => n.kind)
      .sort();

  beforeAll(async () => {
    api = await createTestApi(clock);
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
    flenCoordinator = await createUser(api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'flen');
    eskilstuna = await createUser(api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'eskilstuna');
    katrineholm = await createUser(api, '0483', [Role.MUNICIPALITY_COORDINATOR], 'katrineholm');
    trosa = await createUser(api, '0488', [Role.MUNICIPALITY_COORDINATOR], 'trosa');
    for (const code of ['0484', '0482', '0488', '0486', '0483', '04'])
      steering.push(await createUser(api, code, [Role.STEERING_MEMBER], `steering-${code}`));

    const supplierId = await createSupplier(api, staff, 'Larmbolaget AB');
    ids.product = await createProduct(api, staff, 'DIGITAL_SUPERVISION', 'Nattkamera med larm', ['3.1'], supplierId);
    ids.sharedSystem = await createSystem(api, staff, 'CARE_DOCUMENTATION', 'Omsorgsjournal', ['7.0']);
    ids.flenOnlySystem = await createSystem(api, staff, 'ALARM_RECEIVER', 'Larmcentral Syd', ['2.0']);
    const [flen, esk] = [await organizationByCode(api, '0482'), await organizationByCode(api, '0484')];
    ids.flen = flen.id;
    ids.eskilstuna = esk.id;
    ok(await setOrganizationSystem(api, flenCoordinator, flen.id, ids.sharedSystem, '7.0'));
    ok(await setOrganizationSystem(api, flenCoordinator, flen.id, ids.flenOnlySystem, '2.0'));
    ok(await setOrganizationSystem(api, eskilstuna, esk.id, ids.sharedSystem, '7.0'));
  });
  afterAll(() => api.close());

  it('a coach in Flen reports a need; Katrineholm endorses it (and so follows it); Trosa follows, then unfollows', async () => {
    ids.need = (
      await reportNeed(api, coach, { title: 'Nattliga tillsynsbesök väcker brukare', category: 'DIGITAL_SUPERVISION' })
    ).id;
    ok(
      await api.gql(
        `mutation($i: ChangeNeedStatusInput!) { changeNeedStatus(input: $i) { status } }`,
        { i: { needId: ids.need, status: 'TRIAGED', reason: 'Delas av flera kommuner' } },
        { token: staff.token },
      ),
    );
    ok(await endorse(api, katrineholm, ids.need));
    const followed = ok(
      await api.gql(
        `mutation($id: ID!) { followNeed(needId: $id) { id followedByMe } }`,
        { id: ids.need },
        { token: trosa.token },
      ),
    ).followNeed;
    expect(followed.followedByMe).toBe(true);
    const unfollowed = ok(
      await api.gql(
        `mutation($id: ID!) { unfollowNeed(needId: $id) { followedByMe } }`,
        { id: ids.need },
        { token: trosa.token },
      ),
    ).unfollowNeed;
    expect(unfollowed.followedByMe).toBe(false);
    const asCoach = ok(
      await api.gql(`query($id: ID!) { need(id: $id) { followedByMe } }`, { id: ids.need }, { token: coach.token }),
    ).need;
    expect(asCoach.followedByMe).toBe(true);
    const asKatrineholm = ok(
      await api.gql(
        `query($id: ID!) { need(id: $id) { followedByMe } }`,
        { id: ids.need },
        { token: katrineholm.token },
      ),
    ).need;
    expect(asKatrineholm.followedByMe).toBe(true);
    expect(
      errorCode(
        await api.gql(
          `mutation($id: ID!) { followNeed(needId: $id) { id } }`,
          { id: '00000000-0000-4000-8000-000000000000' },
          { token: trosa.token },
        ),
      ),
    ).toBe('NOT_FOUND');
  });

  it('Eskilstuna tests it; the steering group decides; the coach and Katrineholm are told, Trosa is not', async () => {
    ids.protocol = ok(
      await createProtocol(api, eskilstuna, {
        needIds: [ids.need],
        productId: ids.product,
        title: 'Digital nattillsyn med kamera och larm i hemtjänst',
        plannedStart: '2062-01-15',
        plannedEnd: '2062-06-30',
      }),
    ).createTestProtocol.id;
    ok(await changeProtocolStatus(api, eskilstuna, ids.protocol, 'RUNNING'));
    ok(await changeProtocolStatus(api, eskilstuna, ids.protocol, 'COMPLETED'));
    const versionId = ok(
      await api.gql(
        `mutation($id: ID!) { submitTestProtocolForReview(id: $id, handInReason: "Underlaget räcker för beslut.") { id } }`,
        { id: ids.protocol },
        { token: eskilstuna.token },
      ),
    ).submitTestProtocolForReview.id;
    let last: GqlResponse | undefined;
    for (const member of steering) last = await vote(api, member, versionId, 'RECOMMEND');
    ids.decision = ok(last!).castSteeringVote.decision.id;

    expect(await threadNews(coach)).toEqual(['need.testDecided']);
    expect(await threadNews(katrineholm)).toEqual(['need.testDecided']);
    expect(await threadNews(trosa)).toEqual([]);
    const told = (
      ok(await api.gql(NOTIFICATIONS, {}, { token: coach.token })).myNotifications.nodes as {
        kind: string;
        params: Record<string, string>;
      }[]
    ).find((n) => n.kind === 'need.testDecided')!;
    expect(told.params).toMatchObject({
      trace: `/trace/NEED/${ids.need}`,
      entityType: 'TestDecision',
      entityId: ids.decision,
    });
  });

  it('the procurement resting on the decision is awarded; followers are told once', async () => {
    ids.procurement = ok(
      await api.gql(
        CREATE_PROCUREMENT,
        {
          i: mobileAlarmProcurement({
            title: 'Gemensam upphandling av digital nattillsyn',
            category: 'DIGITAL_SUPERVISION',
            needIds: [ids.need],
            testDecisionIds: [ids.decision],
            participationOpensOn: '2062-01-15',
            participationClosesOn: '2062-02-15',
          }),
        },
        { token: staff.token },
      ),
    ).createProcurement.id;
    ok(
      await api.gql(
        CHANGE_STATUS,
        { i: { id: ids.procurement, status: 'OPEN_FOR_PARTICIPATION' } },
        { token: staff.token },
      ),
    );
    await moveTo('2062-01-20T09:00:00.000Z');
    const lots = ok(
      await api.gql(
        `query($id: ID!) { procurement(id: $id) { lots { id } } }`,
        { id: ids.procurement },
        { token: flenCoordinator.token },
      ),
    ).procurement.lots;
    ids.lot = lots[0].id;
    ok(
      await api.gql(
        JOIN,
        {
          i: {
            procurementId: ids.procurement,
            contactName: 'Flens kontakt',
            contactEmail: flenCoordinator.email,
            volumes: [{ lotId: ids.lot, estimatedVolume: 40 }],
          },
        },
        { token: flenCoordinator.token },
      ),
    );
    await moveTo('2062-02-20T09:00:00.000Z');
    ok(await api.gql(CHANGE_STATUS, { i: { id: ids.procurement, status: 'TENDERING' } }, { token: staff.token }));
    const supplier = ok(
      await api.gql(
        `query($id: ID!) { product(id: $id) { supplier { id } } }`,
        { id: ids.product },
        { token: staff.token },
      ),
    ).product.supplier.id;
    ids.agreement = ok(
      await api.gql(
        AWARD,
        {
          i: {
            procurementId: ids.procurement,
            startsOn: '2062-03-01',
            endsOn: '2064-02-28',
            callOffMethod: 'DIRECT_BY_RANKING',
            followUpOrganizationId: (await organizationByCode(api, 'Noden')).id,
            followUpContactName: 'Avtalsförvaltare',
            followUpContactEmail: 'avtal@noden.example.se',
            lots: [{ lotId: ids.lot, suppliers: [{ supplierId: supplier, ranking: 1, productIds: [ids.product] }] }],
          },
        },
        { token: staff.token },
      ),
    ).awardFrameworkAgreement.id;
    expect(await threadNews(coach)).toEqual(['need.procurementAwarded', 'need.testDecided']);
    expect(await threadNews(katrineholm)).toEqual(['need.procurementAwarded', 'need.testDecided']);
    expect(await threadNews(trosa)).toEqual([]);
  });

  it('Flen calls off, puts it into use and answers the 12-month follow-up; followers are told, with a link to the trace', async () => {
    await moveTo('2062-03-05T09:00:00.000Z');
    await api.app.get(ProcurementScanService).run();
    ids.callOff = ok(
      await api.gql(
        CALL_OFF,
        { i: { agreementId: ids.agreement, lotId: ids.lot, productId: ids.product, quantity: 40, valueSek: 120_000 } },
        { token: flenCoordinator.token },
      ),
    ).createCallOff.callOff.id;
    const implementation = ok(
      await api.gql(
        `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { id } }`,
        {
          i: {
            productId: ids.product,
            callOffId: ids.callOff,
            needIds: [ids.need],
            setting: 'HOME_CARE',
            responsibleUserId: flenCoordinator.id,
            goLiveOn: '2062-03-10',
            people: { offered: { women: 5, men: 3 }, accepted: { women: 4, men: 2 }, declined: { women: 1, men: 1 } },
          },
        },
        { token: flenCoordinator.token },
      ),
    ).recordImplementation;
    ids.implementation = implementation.id;
    await moveTo('2063-03-11T09:00:00.000Z');
    const [first] = await followUpsOf(api, ids.implementation);
    await api.app.get(FollowUpWorkflowService).runStep(FollowUpStep.Open, {
      followUpId: first.id,
      dueOn: first.due_on,
      scheduleVersion: first.schedule_version,
    });
    ok(
      await api.gql(
        `mutation($i: AnswerFollowUpInput!) { answerFollowUp(input: $i) { id status } }`,
        { i: { followUpId: first.id, values: DEFAULT_ANSWER } },
        { token: flenCoordinator.token },
      ),
    );

    for (const follower of [coach, katrineholm])
      expect(await threadNews(follower)).toEqual([
        'need.followUpAnswered',
        'need.procurementAwarded',
        'need.testDecided',
      ]);
    expect(await threadNews(trosa)).toEqual([]);
  });

  it('trace from the need returns every step to node staff, with dates, municipalities and the follow-up outcome', async () => {
    const response = await trace(staff, 'NEED', ids.need);
    const { nodes, edges, municipalities } = ok(response).trace as {
      nodes: TraceNode[];
      edges: { from: string; to: string; kind: string }[];
      municipalities: { code: string }[];
    };
    expect(nodes.map((n) => [n.entityType, n.id])).toEqual([
      ['NEED', ids.need],
      ['TEST_PROTOCOL', ids.protocol],
      ['TEST_DECISION', ids.decision],
      ['PROCUREMENT', ids.procurement],
      ['FRAMEWORK_AGREEMENT', ids.agreement],
      ['CALL_OFF', ids.callOff],
      ['IMPLEMENTATION', ids.implementation],
    ]);
    expect(edges.map((e) => e.kind).sort()).toEqual(
      [
        'AGREEMENT_CALLED_OFF',
        'CALL_OFF_IMPLEMENTED',
        'DECISION_PROCURED',
        'NEED_IMPLEMENTED',
        'NEED_PROCURED',
        'NEED_TESTED',
        'PROCUREMENT_AWARDED',
        'TEST_DECIDED',
      ].sort(),
    );
    expect(edges).toContainEqual({ from: ids.need, to: ids.protocol, kind: 'NEED_TESTED' });
    const implementation = nodes.find((n) => n.entityType === 'IMPLEMENTATION')!;
    expect(implementation.followUps).toEqual([
      { wave: 12, dueOn: '2063-03-10', status: 'ANSWERED', continuedUse: true },
      { wave: 24, dueOn: '2064-03-10', status: 'SCHEDULED', continuedUse: null },
    ]);
    expect(nodes[0]).toMatchObject({ status: 'ADDRESSED', organizations: [{ code: '0482' }, { code: '0483' }] });
    expect(nodes.find((n) => n.entityType === 'TEST_DECISION')).toMatchObject({
      status: 'RECOMMEND',
      startedOn: '2062-01-10',
    });
    expect(municipalities.map((m) => m.code).sort()).toEqual(['0482', '0483', '0484']);
    const fromImplementation = await trace(flenCoordinator, 'IMPLEMENTATION', ids.implementation);
    expect((ok(fromImplementation).trace.nodes as TraceNode[]).map((n) => n.id).sort()).toEqual(
      nodes.map((n) => n.id).sort(),
    );
  });

  it('trace leaves out what another municipality may not see, and does not exist for it from a hidden step', async () => {
    const asEskilstuna = ok(await trace(eskilstuna, 'NEED', ids.need)).trace as {
      nodes: TraceNode[];
      edges: { from: string; to: string }[];
    };
    expect(asEskilstuna.nodes.map((n) => n.entityType)).toEqual([
      'NEED',
      'TEST_PROTOCOL',
      'TEST_DECISION',
      'PROCUREMENT',
      'FRAMEWORK_AGREEMENT',
      'CALL_OFF',
    ]);
    expect(asEskilstuna.edges.some((e) => e.from === ids.implementation || e.to === ids.implementation)).toBe(false);
    expect(errorCode(await trace(eskilstuna, 'IMPLEMENTATION', ids.implementation))).toBe('NOT_FOUND');
    expect(errorCode(await trace(eskilstuna, 'CALL_OFF', ids.need))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(TRACE, { t: 'NEED', id: 'not-a-uuid' }, { token: eskilstuna.token }))).toBe(
      'BAD_USER_INPUT',
    );

    const draft = await reportNeed(api, trosa, { title: 'Trosas eget utkast' });
    expect(errorCode(await trace(eskilstuna, 'NEED', draft.id))).toBe('NOT_FOUND');
    expect(ok(await trace(trosa, 'NEED', draft.id)).trace.nodes).toHaveLength(1);
  });

  it('trace costs the same few statements whatever the size of the thread', async () => {
    const whole = await trace(staff, 'NEED', ids.need);
    const lone = await trace(staff, 'NEED', (await reportNeed(api, coach, { title: 'Ett behov utan kedja' })).id);
    expect(ok(whole).trace.nodes).toHaveLength(7);
    expect(ok(lone).trace.nodes).toHaveLength(1);
    expect(whole.sqlStatements).toBeLessThanOrEqual(5); // with the per-request user read
    expect(whole.sqlStatements).toBeLessThanOrEqual(lone.sqlStatements + 1);
  });

  it('every link is also a field in both directions, through loaders, as far as the caller may see', async () => {
    const asFlen = ok(
      await api.gql(
        `query($need: ID!, $p: ID!, $impl: ID!) {
          need(id: $need) { tests { id } procurements { id } implementations { id } }
          procurement(id: $p) { needs { id } decisions { id procurements { id } } frameworkAgreement { callOffs { id implementations { id } } } }
          implementation(id: $impl) { callOff { id } needs { id tests { id needs { id } } } }
        }`,
        { need: ids.need, p: ids.procurement, impl: ids.implementation },
        { token: flenCoordinator.token },
      ),
    );
    expect(asFlen.need).toEqual({
      tests: [{ id: ids.protocol }],
      procurements: [{ id: ids.procurement }],
      implementations: [{ id: ids.implementation }],
    });
    expect(asFlen.procurement.needs).toEqual([{ id: ids.need }]);
    expect(asFlen.procurement.decisions).toEqual([{ id: ids.decision, procurements: [{ id: ids.procurement }] }]);
    expect(asFlen.procurement.frameworkAgreement.callOffs).toEqual([
      { id: ids.callOff, implementations: [{ id: ids.implementation }] },
    ]);
    expect(asFlen.implementation).toEqual({
      callOff: { id: ids.callOff },
      needs: [{ id: ids.need, tests: [{ id: ids.protocol, needs: [{ id: ids.need }] }] }],
    });
    const asEskilstuna = ok(
      await api.gql(
        `query($need: ID!) { need(id: $need) { tests { id } implementations { id } } }`,
        { need: ids.need },
        { token: eskilstuna.token },
      ),
    );
    expect(asEskilstuna.need).toEqual({ tests: [{ id: ids.protocol }], implementations: [] });
  });

  describe('the knowledge portal', () => {
    const CREATE = `mutation($i: CreateArticleInput!) { createArticle(input: $i) { id status qualityGrade version } }`;
    const SEARCH = `query($q: String!, $f: KnowledgeFilters, $first: Int, $after: String) {
      knowledgeSearch(query: $q, filters: $f, first: $first, after: $after) {
        nodes { source sourceId kind title snippet sourceType qualityGrade rank }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    const search = async (
      user: TestUser,
      q: string,
      f?: Record<string, unknown>,
      page: { first?: number; after?: string } = {},
    ) => api.gql(SEARCH, { q, f, ...page }, { token: user.token });
    const sourceIds = (response: GqlResponse) =>
      (ok(response).knowledgeSearch.nodes as { sourceId: string }[]).map((n) => n.sourceId);

    it('finds the published test decision by itself, by an inflected form ("larmen" finds "larm")', async () => {
      const response = await search(trosa, 'larmen');
      const hit = (
        ok(response).knowledgeSearch.nodes as {
          source: string;
          sourceId: string;
          kind: string;
          title: string;
          snippet: string;
          sourceType: string;
        }[]
      ).find((n) => n.sourceId === ids.decision)!;
      expect(hit).toMatchObject({
        source: 'TEST_DECISION',
        kind: 'TEST_REPORT',
        sourceType: 'COUNTY_TEST',
        title: 'Styrgruppens beslut: Digital nattillsyn med kamera och larm i hemtjänst',
      });
      expect(hit.snippet).toContain('Rekommenderas');
    });

    it('writes drafts that only the writing organisation and node staff see, until node staff publish them', async () => {
      ids.compoundArticle = ok(
        await api.gql(
          CREATE,
          {
            i: {
              kind: 'LESSON',
              title: 'Byte till digitala trygghetslarm i Flen',
              summary: 'Vad vi lärde oss när alla analoga trygghetslarm byttes ut.',
              body: 'Inventera hemmens uppkoppling först. Batteritid och räckvidd skilde sig mellan modellerna.',
              sourceType: 'SINGLE_SITE_EXPERIENCE',
              qualityGrade: 'STRONG',
              categories: ['SAFETY_ALARM'],
              needIds: [ids.need],
              testDecisionIds: [ids.decision],
            },
          },
          { token: flenCoordinator.token },
        ),
      ).createArticle.id;
      ids.partsArticle = ok(
        await api.gql(
          CREATE,
          {
            i: {
              kind: 'GUIDANCE',
              title: 'Larm och trygghet på natten: inventera först',
              summary: 'Vägledning om nattliga larm.',
              body: 'När ett larm går ska trygghet för brukaren komma först.',
              sourceType: 'NATIONAL_GUIDANCE',
              qualityGrade: 'STRONG',
            },
          },
          { token: staff.token },
        ),
      ).createArticle.id;
      const draft = ok(
        await api.gql(
          `query($id: ID!) { article(id: $id) { status qualityGrade links { entityType entityId } organization { code } } }`,
          { id: ids.compoundArticle },
          { token: coach.token },
        ),
      ).article;
      expect(draft).toMatchObject({ status: 'DRAFT', qualityGrade: 'UNASSESSED', organization: { code: '0482' } });
      expect(draft.links.map((l: { entityType: string }) => l.entityType).sort()).toEqual([
        'CATEGORY',
        'NEED',
        'TEST_DECISION',
      ]);
      expect(
        errorCode(
          await api.gql(
            `query($id: ID!) { article(id: $id) { id } }`,
            { id: ids.compoundArticle },
            { token: trosa.token },
          ),
        ),
      ).toBe('NOT_FOUND');
      expect(sourceIds(await search(trosa, 'larm'))).not.toContain(ids.compoundArticle);
      expect(sourceIds(await search(coach, 'larm'))).toContain(ids.compoundArticle);
      expect(
        errorCode(
          await api.gql(
            `mutation($id: ID!) { publishArticle(id: $id) { id } }`,
            { id: ids.compoundArticle },
            { token: flenCoordinator.token },
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(
          await api.gql(
            `mutation($i: UpdateArticleInput!) { updateArticle(input: $i) { id } }`,
            { i: { id: ids.compoundArticle, title: 'Kapat' } },
            { token: katrineholm.token },
          ),
        ),
      ).toBe('NOT_FOUND');

      const updated = ok(
        await api.gql(
          `mutation($i: UpdateArticleInput!) { updateArticle(input: $i) { version qualityGrade } }`,
          { i: { id: ids.compoundArticle, qualityGrade: 'ASSESSED' } },
          { token: staff.token },
        ),
      ).updateArticle;
      expect(updated).toEqual({ version: 2, qualityGrade: 'ASSESSED' });
      for (const id of [ids.compoundArticle, ids.partsArticle])
        expect(
          ok(await api.gql(`mutation($id: ID!) { publishArticle(id: $id) { status } }`, { id }, { token: staff.token }))
            .publishArticle.status,
        ).toBe('PUBLISHED');
      expect(
        errorCode(
          await api.gql(
            `mutation($id: ID!) { publishArticle(id: $id) { id } }`,
            { id: ids.partsArticle },
            { token: staff.token },
          ),
        ),
      ).toBe('CONFLICT');
      const listed = ok(await api.gql(`{ articles(first: 10) { nodes { id status } } }`, {}, { token: trosa.token }))
        .articles.nodes;
      expect(listed.map((a: { id: string }) => a.id).sort()).toEqual([ids.compoundArticle, ids.partsArticle].sort());
    });

    it('splits Swedish compounds both ways: "larm" finds "trygghetslarm", "trygghetslarm" finds "larm … trygghet"', async () => {
      expect(sourceIds(await search(trosa, 'larm'))).toEqual(
        expect.arrayContaining([ids.compoundArticle, ids.partsArticle, ids.decision]),
      );
      const compound = sourceIds(await search(trosa, 'trygghetslarm'));
      expect(compound).toEqual(expect.arrayContaining([ids.compoundArticle, ids.partsArticle]));
      expect(compound).not.toContain(ids.decision);
    });

    it('ranks title above body, highlights the words, filters, pages, and costs the same statements whatever the page size', async () => {
      const response = await search(trosa, 'batteritid');
      const [hit] = ok(response).knowledgeSearch.nodes;
      expect(hit).toMatchObject({ sourceId: ids.compoundArticle, qualityGrade: 'ASSESSED' });
      expect(hit.snippet).toContain('<mark>Batteritid</mark>');
      const ranked = ok(await search(trosa, 'inventera')).knowledgeSearch.nodes as { sourceId: string }[];
      expect(ranked.map((n) => n.sourceId)).toEqual([ids.partsArticle, ids.compoundArticle]);

      expect(sourceIds(await search(trosa, 'larm', { sourceType: 'COUNTY_TEST' }))).toEqual([ids.decision]);
      expect(sourceIds(await search(trosa, 'larm', { category: 'SAFETY_ALARM' }))).toEqual([ids.compoundArticle]);
      expect(sourceIds(await search(trosa, 'larm', { kind: 'GUIDANCE', qualityGrade: 'STRONG' }))).toEqual([
        ids.partsArticle,
      ]);
      expect(sourceIds(await search(trosa, 'larm', { from: '2063-01-01' }))).toEqual(
        expect.arrayContaining([ids.compoundArticle, ids.partsArticle]),
      );
      expect(sourceIds(await search(trosa, 'larm', { to: '2062-12-31' }))).toEqual([ids.decision]);
      expect(sourceIds(await search(trosa, 'larm -trygghet'))).toEqual([ids.decision]);

      const one = await search(trosa, 'larm', undefined, { first: 1 });
      const page1 = ok(one).knowledgeSearch;
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const rest = await search(trosa, 'larm', undefined, { first: 10, after: page1.pageInfo.endCursor });
      expect(sourceIds(rest)).toHaveLength(2);
      expect(sourceIds(rest)).not.toContain(page1.nodes[0].sourceId);
      expect(rest.sqlStatements).toBe(one.sqlStatements);
      expect(one.sqlStatements).toBeLessThanOrEqual(4); // with the per-request user read

      expect(errorCode(await search(trosa, 'och'))).toBe('BAD_USER_INPUT');
      expect(errorCode(await search(trosa, 'larm', { from: '2063-02-01', to: '2063-01-01' }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await search(trosa, 'larm', { category: 'NO_SUCH' }))).toBeDefined();
      expect(errorCode(await search(trosa, 'larm', undefined, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('transferability, the county overview and the CSV exports', () => {
    const TRANSFER = `query($d: ID!, $o: ID) { transferability(decisionId: $d, organizationId: $o) {
      fullyCovered mySizeClass testedSizeClasses sizeClassNotCovered mySettings testedSettings settingsNotCovered
      systemsNotCovered { id name version kind } testedTargetGroups targetGroupsNotCovered testedBy { code } } }`;
    const OVERVIEW = `{ countyOverview {
      asOf needsByStatus { status count } mostSharedNeeds { id endorsementCount } protocolsAwaitingReview { id } decisionsThisYear
      procurementsOpenForParticipation { id } agreementsExpiringWithin6Months { id endsOn }
      followUpsByMunicipality { organization { code } due answered overdue suppressed }
      equityByMunicipality { organization { code } population sizeClass implementations peopleAccepted implementationsPer10000 peopleAcceptedPer10000 suppressed suppression { reason } }
      equityBySizeClass { sizeClass municipalities population implementations peopleAccepted suppressed suppression { reason } }
      equityBySex { women men otherOrUnknown suppressed }
    } }`;

    it('names what in Flen the test did not cover: the system no participant ran, and its size class', async () => {
      const assessed = ok(
        await api.gql(TRANSFER, { d: ids.decision }, { token: flenCoordinator.token }),
      ).transferability;
      expect(assessed).toMatchObject({
        fullyCovered: false,
        mySizeClass: 'MEDIUM',
        testedSizeClasses: ['LARGE'],
        sizeClassNotCovered: true,
        testedSettings: ['HOME_CARE'],
        settingsNotCovered: [],
        systemsNotCovered: [
          {
            id: ids.flenOnlySystem,
            name: expect.stringMatching(/^Larmcentral Syd/),
            version: '2.0',
            kind: 'ALARM_RECEIVER',
          },
        ],
        testedBy: [{ code: '0484' }],
      });
      const forEskilstuna = ok(
        await api.gql(TRANSFER, { d: ids.decision, o: ids.eskilstuna }, { token: staff.token }),
      ).transferability;
      expect(forEskilstuna).toMatchObject({ sizeClassNotCovered: false, systemsNotCovered: [] });
      expect(errorCode(await api.gql(TRANSFER, { d: ids.decision, o: ids.flen }, { token: eskilstuna.token }))).toBe(
        'FORBIDDEN',
      );
      const withDecisions = await api.gql(
        `{ decisions(first: 20) { nodes { id transferabilityForMyOrganization { systemsNotCovered { id } } } } }`,
        {},
        { token: flenCoordinator.token },
      );
      expect(ok(withDecisions).decisions.nodes).toEqual([
        { id: ids.decision, transferabilityForMyOrganization: { systemsNotCovered: [{ id: ids.flenOnlySystem }] } },
      ]);
      expect(
        ok(
          await api.gql(
            `{ decisions(first: 20) { nodes { transferabilityForMyOrganization { fullyCovered } } } }`,
            {},
            { token: staff.token },
          ),
        ).decisions.nodes,
      ).toEqual([{ transferabilityForMyOrganization: null }]);
      expect(errorCode(await api.gql(TRANSFER, { d: ids.need }, { token: flenCoordinator.token }))).toBe('NOT_FOUND');
      expect(
        errorCode(
          await api.gql(
            TRANSFER,
            { d: ids.decision, o: (await organizationByCode(api, '04')).id },
            { token: staff.token },
          ),
        ),
      ).toBe('BAD_USER_INPUT');
    });

    it("gives the steering group the county overview whose counts match the data, withholding another municipality's small groups", async () => {
      await moveTo('2063-10-01T09:00:00.000Z');
      const pending = ok(
        await createProtocol(api, katrineholm, {
          productId: ids.product,
          title: 'Läkemedelsautomat i hemtjänst',
          plannedStart: '2063-04-01',
          plannedEnd: '2063-08-31',
        }),
      ).createTestProtocol.id;
      ok(await changeProtocolStatus(api, katrineholm, pending, 'RUNNING'));
      ok(await changeProtocolStatus(api, katrineholm, pending, 'COMPLETED'));
      ok(
        await api.gql(
          `mutation($id: ID!) { submitTestProtocolForReview(id: $id, handInReason: "Underlaget räcker för beslut.") { id } }`,
          { id: pending },
          { token: katrineholm.token },
        ),
      );

      const asStaff = await api.gql(OVERVIEW, {}, { token: staff.token });
      const overview = ok(asStaff).countyOverview;
      expect(overview.asOf).toBe('2063-10-01');
      expect(overview.needsByStatus).toEqual([
        { status: 'ADDRESSED', count: 1 },
        { status: 'NEW', count: 2 },
      ]);
      expect(overview.mostSharedNeeds[0]).toEqual({ id: ids.need, endorsementCount: 1 });
      expect(overview.protocolsAwaitingReview).toEqual([{ id: pending }]);
      expect(overview.decisionsThisYear).toBe(0);
      expect(overview.procurementsOpenForParticipation).toEqual([]);
      expect(overview.agreementsExpiringWithin6Months).toEqual([{ id: ids.agreement, endsOn: '2064-02-28' }]);
      const flenFollowUps = overview.followUpsByMunicipality.find(
        (m: { organization: { code: string } }) => m.organization.code === '0482',
      );
      expect(flenFollowUps).toEqual({
        organization: { code: '0482' },
        due: 0,
        answered: 1,
        overdue: 0,
        suppressed: false,
      });
      const flen = overview.equityByMunicipality.find(
        (m: { organization: { code: string } }) => m.organization.code === '0482',
      );
      expect(flen).toEqual({
        organization: { code: '0482' },
        population: 16000,
        sizeClass: 'MEDIUM',
        implementations: 1,
        peopleAccepted: 6,
        implementationsPer10000: 0.6,
        peopleAcceptedPer10000: 3.8,
        suppressed: false,
        suppression: null,
      });
      expect(overview.equityBySizeClass.find((c: { sizeClass: string }) => c.sizeClass === 'MEDIUM')).toMatchObject({
        municipalities: 3,
        population: 89000,
        implementations: 1,
        peopleAccepted: 6,
      });
      expect(overview.equityBySex).toEqual({ women: 4, men: 2, otherOrUnknown: 0, suppressed: false });

      const asEskilstuna = ok(await api.gql(OVERVIEW, {}, { token: steering[0].token })).countyOverview;
      expect(asEskilstuna.needsByStatus).toEqual([{ status: 'ADDRESSED', count: 1 }]);
      // Follow-ups and implementations are facts about Flen, six people too many to point anyone out: all shown.
      expect(
        asEskilstuna.equityByMunicipality.find(
          (m: { organization: { code: string } }) => m.organization.code === '0482',
        ),
      ).toMatchObject({ implementations: 1, peopleAccepted: 6, implementationsPer10000: 0.6, suppressed: false });
      expect(
        asEskilstuna.followUpsByMunicipality.find(
          (m: { organization: { code: string } }) => m.organization.code === '0482',
        ),
      ).toMatchObject({ answered: 1, suppressed: false });
      expect(asEskilstuna.equityBySizeClass.find((c: { sizeClass: string }) => c.sizeClass === 'MEDIUM')).toMatchObject(
        { implementations: 1, peopleAccepted: 6, suppressed: false },
      );
      // Four women and two men are each too few: withheld together (their sum is the six shown above).
      expect(asEskilstuna.equityBySex).toEqual({ women: null, men: null, otherOrUnknown: 0, suppressed: true });
      const own = ok(await api.gql(OVERVIEW, {}, { token: steering[1].token })).countyOverview;
      expect(
        own.equityByMunicipality.find((m: { organization: { code: string } }) => m.organization.code === '0482'),
      ).toMatchObject({ implementations: 1, suppressed: false });

      expect(errorCode(await api.gql(OVERVIEW, {}, { token: flenCoordinator.token }))).toBe('FORBIDDEN');
      expect(asStaff.sqlStatements).toBeLessThanOrEqual(9); // with the per-request user read
    });

    it('exports lists as CSV that Excel in Swedish opens: BOM, semicolons, decimal comma, ISO dates, Swedish headings, same rights as the list', async () => {
      const needs = await api.get('/exports/needs.csv', staff.token);
      expect(needs.status).toBe(200);
      expect(needs.headers['content-type']).toBe('text/csv; charset=utf-8');
      const text = needs.body as string;
      expect(
        text.startsWith(
          '\uFEFFId;Titel;Status;Organisation;Kategori;Verksamhet;Målgrupp;Angelägenhet;Organisationer som står bakom;Berörda personer;Rapporterat;Status ändrad\r\n',
        ),
      ).toBe(true);
      const needLine = text.split('\r\n').find((l) => l.startsWith(ids.need))!;
      expect(needLine.split(';').slice(1, 4)).toEqual([
        'Nattliga tillsynsbesök väcker brukare',
        'ADDRESSED',
        'Flens kommun',
      ]);
      expect(needLine).toMatch(/;2062-01-10;/);
      expect(text.split('\r\n').filter(Boolean)).toHaveLength(4);
      const asTrosa = (await api.get('/exports/needs.csv', trosa.token)).body as string;
      expect(asTrosa.split('\r\n').filter(Boolean)).toHaveLength(3);

      const overview = (await api.get('/exports/overview.csv', staff.token)).body as string;
      expect(overview.startsWith('\uFEFFKommun;Kommunkod;Invånare;Storleksklass;')).toBe(true);
      expect(overview).toContain('Flens kommun;0482;16000;MEDIUM;0;1;0;1;6;0,6;3,8;\r\n');
      const overviewAsEskilstuna = (await api.get('/exports/overview.csv', steering[0].token)).body as string;
      expect(overviewAsEskilstuna).toContain('Flens kommun;0482;16000;MEDIUM;0;1;0;1;6;0,6;3,8;\r\n');

      const agreements = (await api.get('/exports/agreements.csv', eskilstuna.token)).body as string;
      expect(agreements).toContain(
        `${ids.agreement};Gemensam upphandling av digital nattillsyn;ACTIVE;2062-03-01;2064-02-28;DIRECT_BY_RANKING;2062-02-20;1;120000,00\r\n`,
      );
      const decisions = (await api.get('/exports/decisions.csv', eskilstuna.token)).body as string;
      expect(decisions).toContain(
        `${ids.decision};Digital nattillsyn med kamera och larm i hemtjänst;RECOMMEND;2062-01-10;Eskilstuna kommun;`,
      );
      expect(
        ((await api.get('/exports/follow-ups.csv', flenCoordinator.token)).body as string)
          .split('\r\n')
          .filter(Boolean),
      ).toHaveLength(3);
      expect(
        ((await api.get('/exports/follow-ups.csv', eskilstuna.token)).body as string).split('\r\n').filter(Boolean),
      ).toHaveLength(1);

      expect((await api.get('/exports/overview.csv', flenCoordinator.token)).status).toBe(403);
      expect((await api.get('/exports/needs.csv')).status).toBe(401);
    });

    it('streams a list longer than one batch whole, each row once', async () => {
      await api.app.get(Db).manager.query(
        `INSERT INTO needs (organization_id, reporter_user_id, title, description, target_group, setting, source, urgency, hard_to_reach, status, status_changed_at, endorsement_count, people_affected, created_at, updated_at)
         SELECT u.organization_id, u.id, 'Behov nr ' || g, 'Beskrivning', 'STAFF', 'HOME_CARE', 'STAFF', 'MEDIUM', false, 'NEW', now(), 0, 0, now() - g * interval '1 minute', now()
         FROM users u, generate_series(1, 240) g WHERE u.id = $1`,
        [trosa.id],
      );
      const lines = ((await api.get('/exports/needs.csv', trosa.token)).body as string).split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(1 + 240 + 2);
      expect(new Set(lines.map((l) => l.split(';')[0])).size).toBe(lines.length);
    });
  });
});
