import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, Role } from '#core';
import { FollowUpStep, FollowUpWorkflowService } from '#followup';
import { ProcurementScanService } from '#procurement';
import { createTestApi, errorCode, type GqlResponse, type TestApi } from '../support/test-api.js';
import { createUser, login, organizationByCode, type TestUser } from '../support/builders.js';
import { reportNeed } from '../support/needs-builders.js';
import { createProtocol, changeStatus as changeProtocolStatus, vote } from '../support/testbed-builders.js';
import {
  assertCompatibility,
  createProduct,
  createSupplier,
  createSystem,
  setOrganizationSystem,
} from '../support/catalog-builders.js';
import {
  AWARD,
  CALL_OFF,
  CHANGE_STATUS,
  CREATE_PROCUREMENT,
  JOIN,
  mobileAlarmProcurement,
} from '../support/procurement-builders.js';
import { DEFAULT_ANSWER, followUpsOf } from '../support/followup-builders.js';

const NEED = `query($id: ID!) { need(id: $id) { status history { fromStatus toStatus reason linkEntityType linkEntityId } } }`;

/**
 * The thread Noden exists for: a need from Flen is tested, decided on, bought jointly, called off, put into
 * use and followed up, and the tech coach who reported it can see each step.
 */
describe('the thread: need → test → decision → procurement → call-off → implementation → follow-up', () => {
  // Far from the other files' clocks, so their workers never find this file's follow-ups due.
  const clock = new ManualClock('2060-01-10T09:00:00.000Z');
  let api: TestApi;
  let staff: TestUser;
  let coach: TestUser;
  let flenCoordinator: TestUser;
  let eskilstuna: TestUser;
  let needId: string;
  let protocolId: string;
  let decisionId: string;
  let procurementId: string;
  let callOffId: string;
  let productId: string;
  let partialSystem: string;
  let unknownSystem: string;
  const steering: TestUser[] = [];

  const ok = (response: GqlResponse) => {
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const needOf = async () => ok(await api.gql(NEED, { id: needId }, { token: coach.token })).need;
  async function moveTo(instant: string): Promise<void> {
    clock.set(instant);
    for (const user of [staff, coach, flenCoordinator, eskilstuna, ...steering])
      user.token = await login(api, user.email);
  }

  beforeAll(async () => {
    api = await createTestApi(clock);
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
    flenCoordinator = await createUser(api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'flen-coordinator');
    eskilstuna = await createUser(api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'eskilstuna-coordinator');
    for (const code of ['0484', '0482', '0488', '0486', '0483', '04'])
      steering.push(await createUser(api, code, [Role.STEERING_MEMBER], `steering-${code}`));

    const supplierId = await createSupplier(api, staff, 'Tillsyn AB');
    productId = await createProduct(api, staff, 'DIGITAL_SUPERVISION', 'Nattkamera', ['3.1'], supplierId);
    partialSystem = await createSystem(api, staff, 'CARE_DOCUMENTATION', 'Omsorgsjournal', ['7.0']);
    unknownSystem = await createSystem(api, staff, 'CARE_DOCUMENTATION', 'Annan journal', ['2.0']);
    await assertCompatibility(api, staff, {
      productId,
      systemId: partialSystem,
      systemVersions: '>=7 <8',
      status: 'PARTIAL',
      note: 'Larm syns inte i journalen',
    });
    const flen = await organizationByCode(api, '0482');
    ok(await setOrganizationSystem(api, flenCoordinator, flen.id, partialSystem, '7.0'));
    ok(await setOrganizationSystem(api, flenCoordinator, flen.id, unknownSystem, '2.0'));
  });
  afterAll(() => api.close());

  it('starts with a need reported by a tech coach in Flen and triaged by the node', async () => {
    needId = (
      await reportNeed(api, coach, { title: 'Nattliga tillsynsbesök väcker brukare', category: 'DIGITAL_SUPERVISION' })
    ).id;
    ok(
      await api.gql(
        `mutation($i: ChangeNeedStatusInput!) { changeNeedStatus(input: $i) { status } }`,
        { i: { needId, status: 'TRIAGED', reason: 'Delas av flera kommuner' } },
        { token: staff.token },
      ),
    );
    expect((await needOf()).status).toBe('TRIAGED');
  });

  it('moves the need IN_TEST when Eskilstuna runs a test that answers it', async () => {
    const created = await createProtocol(api, eskilstuna, { needIds: [needId], productId });
    protocolId = ok(created).createTestProtocol.id;
    expect((await needOf()).status).toBe('TRIAGED');
    ok(await changeProtocolStatus(api, eskilstuna, protocolId, 'RUNNING'));
    const need = await needOf();
    expect(need.status).toBe('IN_TEST');
    expect(need.history.at(-1)).toMatchObject({
      toStatus: 'IN_TEST',
      linkEntityType: 'TestProtocol',
      linkEntityId: protocolId,
    });
  });

  it('closes the steering review into a published decision', async () => {
    ok(await changeProtocolStatus(api, eskilstuna, protocolId, 'COMPLETED'));
    const submitted = ok(
      await api.gql(
        `mutation($id: ID!) { submitTestProtocolForReview(id: $id, handInReason: "Underlaget räcker för beslut.") { id } }`,
        { id: protocolId },
        { token: eskilstuna.token },
      ),
    );
    const versionId = submitted.submitTestProtocolForReview.id;
    let last: GqlResponse | undefined;
    for (const member of steering) last = await vote(api, member, versionId, 'RECOMMEND');
    decisionId = ok(last!).castSteeringVote.decision.id;
    expect(ok(last!).castSteeringVote.decision.outcome).toBe('RECOMMEND');
  });

  it('moves the need IN_PROCUREMENT when the joint procurement that rests on the decision opens', async () => {
    const created = await api.gql(
      CREATE_PROCUREMENT,
      {
        i: mobileAlarmProcurement({
          title: 'Gemensam upphandling av digital nattillsyn',
          category: 'DIGITAL_SUPERVISION',
          needIds: [needId],
          testDecisionIds: [decisionId],
          participationOpensOn: '2060-01-15',
          participationClosesOn: '2060-02-15',
        }),
      },
      { token: staff.token },
    );
    procurementId = ok(created).createProcurement.id;
    ok(
      await api.gql(
        CHANGE_STATUS,
        { i: { id: procurementId, status: 'OPEN_FOR_PARTICIPATION' } },
        { token: staff.token },
      ),
    );
    const need = await needOf();
    expect(need.status).toBe('IN_PROCUREMENT');
    expect(need.history.at(-1)).toMatchObject({ linkEntityType: 'Procurement', linkEntityId: procurementId });
  });

  it('lets Flen join, and warns at call-off where the product is not known to work with its systems', async () => {
    await moveTo('2060-01-20T09:00:00.000Z');
    const lots = ok(
      await api.gql(
        `query($id: ID!) { procurement(id: $id) { lots { id } } }`,
        { id: procurementId },
        { token: flenCoordinator.token },
      ),
    ).procurement.lots;
    ok(
      await api.gql(
        JOIN,
        {
          i: {
            procurementId,
            contactName: 'Flens kontakt',
            contactEmail: flenCoordinator.email,
            volumes: [{ lotId: lots[0].id, estimatedVolume: 40 }],
          },
        },
        { token: flenCoordinator.token },
      ),
    );
    await moveTo('2060-02-20T09:00:00.000Z');
    ok(await api.gql(CHANGE_STATUS, { i: { id: procurementId, status: 'TENDERING' } }, { token: staff.token }));
    const product = ok(
      await api.gql(
        `query($id: ID!) { product(id: $id) { supplier { id } } }`,
        { id: productId },
        { token: staff.token },
      ),
    ).product;
    const awarded = await api.gql(
      AWARD,
      {
        i: {
          procurementId,
          startsOn: '2060-03-01',
          endsOn: '2062-02-28',
          callOffMethod: 'DIRECT_BY_RANKING',
          followUpOrganizationId: (await organizationByCode(api, 'Noden')).id,
          followUpContactName: 'Avtalsförvaltare',
          followUpContactEmail: 'avtal@noden.example.se',
          lots: [
            {
              lotId: lots[0].id,
              suppliers: [{ supplierId: product.supplier.id, ranking: 1, productIds: [productId] }],
            },
          ],
        },
      },
      { token: staff.token },
    );
    const agreementId = ok(awarded).awardFrameworkAgreement.id;
    await moveTo('2060-03-05T09:00:00.000Z');
    // The worker's daily scan (run here directly) puts the agreement in force from its first day.
    expect(await api.app.get(ProcurementScanService).run()).toMatchObject({ activated: 1 });
    const history = ok(
      await api.gql(
        `query($id: ID!) { procurement(id: $id) { status statusHistory { toStatus bySystem } } }`,
        { id: procurementId },
        { token: staff.token },
      ),
    ).procurement;
    expect(history.status).toBe('ACTIVE');
    expect(history.statusHistory.at(-1)).toEqual({ toStatus: 'ACTIVE', bySystem: true });
    const callOff = ok(
      await api.gql(
        CALL_OFF,
        { i: { agreementId, lotId: lots[0].id, productId, quantity: 40, valueSek: 120_000 } },
        { token: flenCoordinator.token },
      ),
    ).createCallOff;
    callOffId = callOff.callOff.id;
    expect(callOff.warnings.map((w: { code: string }) => w.code).sort()).toEqual([
      'PRODUCT_COMPATIBILITY_UNKNOWN',
      'PRODUCT_NOT_SUPPORTED_WITH_SYSTEM',
    ]);
    expect(callOff.warnings.map((w: { message: string }) => w.message).sort()).toEqual([
      expect.stringMatching(/^Okänt om version 3\.1 fungerar med Annan journal \w+ 2\.0\.$/),
      expect.stringMatching(
        /^Version 3\.1 har status PARTIAL med Omsorgsjournal \w+ 7\.0: Larm syns inte i journalen\.$/,
      ),
    ]);
  });

  it("refuses an implementation against another municipality's call-off, and a go-live date before the call-off", async () => {
    const RECORD = `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { id } }`;
    const eskilstunaContact = await createUser(api, '0484', [Role.TECH_COACH], 'eskilstuna-contact');
    const theirs = await api.gql(
      RECORD,
      {
        i: {
          productId,
          callOffId,
          setting: 'HOME_CARE',
          responsibleUserId: eskilstunaContact.id,
          goLiveOn: '2060-03-10',
        },
      },
      { token: eskilstuna.token },
    );
    expect([errorCode(theirs), theirs.errors?.[0]?.extensions.field]).toEqual(['FORBIDDEN', 'input.callOffId']);
    const onBehalf = await api.gql(
      RECORD,
      {
        i: {
          organizationId: eskilstuna.organizationId,
          productId,
          callOffId,
          setting: 'HOME_CARE',
          responsibleUserId: eskilstunaContact.id,
        },
      },
      { token: staff.token },
    );
    expect([errorCode(onBehalf), onBehalf.errors?.[0]?.extensions.field]).toEqual(['FORBIDDEN', 'input.callOffId']);
    const early = await api.gql(
      RECORD,
      {
        i: {
          productId,
          callOffId,
          setting: 'HOME_CARE',
          responsibleUserId: flenCoordinator.id,
          goLiveOn: '2060-03-04',
        },
      },
      { token: flenCoordinator.token },
    );
    expect([errorCode(early), early.errors?.[0]?.extensions.field, early.errors?.[0]?.message]).toEqual([
      'BAD_USER_INPUT',
      'input.goLiveOn',
      expect.stringContaining('2060-03-05'),
    ]);
    const unknown = await api.gql(
      RECORD,
      {
        i: {
          productId,
          callOffId: '00000000-0000-4000-8000-000000000000',
          setting: 'HOME_CARE',
          responsibleUserId: flenCoordinator.id,
        },
      },
      { token: flenCoordinator.token },
    );
    expect([errorCode(unknown), unknown.errors?.[0]?.extensions.field]).toEqual(['NOT_FOUND', 'input.callOffId']);
    const implementations = await api.gql(
      `{ implementations(first: 50) { nodes { id } } }`,
      {},
      { token: staff.token },
    );
    expect(ok(implementations).implementations.nodes).toEqual([]);
    // Nor by attaching the call-off to an implementation afterwards.
    const own = ok(
      await api.gql(
        RECORD,
        { i: { productId, setting: 'HOME_CARE', responsibleUserId: eskilstunaContact.id } },
        { token: eskilstuna.token },
      ),
    ).recordImplementation.id;
    const attached = await api.gql(
      `mutation($i: UpdateImplementationInput!) { updateImplementation(input: $i) { id } }`,
      { i: { id: own, callOffId } },
      { token: eskilstuna.token },
    );
    expect([errorCode(attached), attached.errors?.[0]?.extensions.field]).toEqual(['FORBIDDEN', 'input.callOffId']);
    const unchanged = ok(
      await api.gql(
        `query($id: ID!) { implementation(id: $id) { needs { id } } }`,
        { id: own },
        { token: eskilstuna.token },
      ),
    ).implementation;
    expect(unchanged.needs).toEqual([]);
  });

  it('addresses the need when the 12-month follow-up of the implementation says it is still in use', async () => {
    // No need ids typed again: the implementation inherits the needs its call-off's procurement answers.
    const recorded = await api.gql(
      `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { id needs { id } followUps { wave dueOn } } }`,
      {
        i: {
          productId,
          callOffId,
          setting: 'HOME_CARE',
          responsibleUserId: flenCoordinator.id,
          goLiveOn: '2060-03-10',
        },
      },
      { token: flenCoordinator.token },
    );
    const implementation = ok(recorded).recordImplementation;
    expect(implementation.needs).toEqual([{ id: needId }]);
    expect(implementation.followUps).toEqual([
      { wave: 12, dueOn: '2061-03-10' },
      { wave: 24, dueOn: '2062-03-10' },
    ]);

    await moveTo('2061-03-11T09:00:00.000Z');
    const [first] = await followUpsOf(api, implementation.id);
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

    const need = await needOf();
    expect(need.status).toBe('ADDRESSED');
    expect(need.history.map((h: { linkEntityType: string | null }) => h.linkEntityType)).toEqual([
      null,
      null,
      'TestProtocol',
      'Procurement',
      'Implementation',
    ]);
    const mine = ok(await api.gql(`{ myNeeds { nodes { id status } } }`, {}, { token: coach.token })).myNeeds.nodes;
    expect(mine).toContainEqual({ id: needId, status: 'ADDRESSED' });
    const told = ok(
      await api.gql(`{ myNotifications(first: 20) { nodes { kind entityId } } }`, {}, { token: coach.token }),
    ).myNotifications.nodes;
    expect(told.filter((n: { entityId: string }) => n.entityId === needId).length).toBeGreaterThanOrEqual(4);
  });

  it('turns the follow-up into production evidence where the catalogue knew nothing, leaving known statements alone', async () => {
    const flen = await organizationByCode(api, '0482');
    const checks = ok(
      await api.gql(
        `query($o: ID!) { compatibleProducts(organizationId: $o, category: "DIGITAL_SUPERVISION") { compatible { product { id } checks { systemId status evidence } } excluded { product { id } checks { systemId status evidence } } } }`,
        { o: flen.id },
        { token: coach.token },
      ),
    ).compatibleProducts;
    const entry = [...checks.compatible, ...checks.excluded].find(
      (e: { product: { id: string } }) => e.product.id === productId,
    );
    const bySystem = Object.fromEntries(
      entry.checks.map((c: { systemId: string; status: string; evidence: string }) => [
        c.systemId,
        [c.status, c.evidence],
      ]),
    );
    expect(bySystem[unknownSystem]).toEqual(['SUPPORTED', 'VERIFIED_IN_PRODUCTION']);
    expect(bySystem[partialSystem]).toEqual(['PARTIAL', 'VENDOR_CLAIMED']);
  });
});
