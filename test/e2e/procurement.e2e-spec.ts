import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { Db, JobQueue, ManualClock, QueueName, Role } from '#core';
import { ProcurementScanJob } from '#procurement';
import { createTestApi, errorCode, type TestApi } from '../support/test-api.js';
import { assertCompatibility, createSystem } from '../support/catalog-builders.js';
import { createTestWorker, eventually } from '../support/test-worker.js';
import { createUser, login, organizationByCode, type TestUser } from '../support/builders.js';
import {
  alarmCatalog,
  type AlarmCatalog,
  AWARD,
  CALL_OFF,
  CHANGE_PARTICIPATION,
  CHANGE_STATUS,
  CREATE_PROCUREMENT,
  JOIN,
  mobileAlarmProcurement,
  PUBLISH_SPEC,
  USE_EXTENSION,
  WITHDRAW,
} from '../support/procurement-builders.js';

const CARD = `query($id: ID!) { frameworkAgreement(id: $id) {
  id status startsOn endsOn callOffMethod followUpOrganization { name } followUpContactName
  extensionOptions { id months used }
  lots { number name awardedSuppliers { ranking supplier { name } products { id name } } }
  participants { organization { code } volumes { estimatedVolume lot { number } } }
  callOffs { quantity valueSek organization { code } product { name } }
  callOffTotals { count quantity valueSek }
  decisions { id }
} }`;

function validateOcds(pkg: unknown): { valid: boolean; errors: unknown } {
  // Both are CommonJS: under ESM the default import is `module.exports`, which carries `.default`.
  const ajv = new Ajv04.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const read = (file: string) =>
    JSON.parse(readFileSync(new URL(`../../data/ocds-1.1.5/${file}`, import.meta.url), 'utf8'));
  ajv.addSchema(read('release-schema.json'));
  const validate = ajv.compile(read('release-package-schema.json'));
  const valid = validate(pkg);
  return { valid, errors: validate.errors };
}

describe('joint procurement of mobile safety alarms: participation, award, call-offs, reminders, OCDS', () => {
  const clock = new ManualClock('2026-11-22T08:00:00.000Z');
  let api: TestApi;
  let worker: TestingModule;
  let db: Db;
  let staff: TestUser;
  let coordinators: Record<'gnesta' | 'trosa' | 'flen' | 'vingaker' | 'oxelosund', TestUser>;
  let coach: TestUser;
  let catalog: AlarmCatalog;
  let procurementId: string;
  let lots: { id: string; number: number }[];
  let agreementId: string;

  const as = (user: TestUser) => ({ token: user.token });
  const join = (user: TestUser, volumes = [150, 40]) =>
    api.gql(
      JOIN,
      {
        i: {
          procurementId,
          contactName: `Kontakt ${user.email}`,
          contactEmail: user.email,
          volumes: lots.map((l, i) => ({ lotId: l.id, estimatedVolume: volumes[i] })),
        },
      },
      as(user),
    );
  const notificationsOf = async (user: TestUser, kind: string) =>
    Number(
      (
        await db.manager.query(
          `SELECT count(*)::int AS n FROM notifications WHERE recipient_user_id = $1 AND kind = $2`,
          [user.id, kind],
        )
      )[0].n,
    );

  /** Moves time; tokens expire with it, so everybody logs in again. */
  async function moveTo(instant: string): Promise<void> {
    clock.set(instant);
    for (const user of [staff, coach, ...Object.values(coordinators)]) user.token = await login(api, user.email);
  }

  /** Runs the daily scan in the real worker and waits until it has finished. */
  async function runScan(): Promise<void> {
    const queue = worker.get(JobQueue).queue(QueueName.Procurement);
    const job = await queue.add(ProcurementScanJob.name, {});
    await eventually(async () => {
      const state = await queue.getJobState(job.id!);
      if (state === 'failed') throw new Error('scan failed');
      return state === 'completed';
    }, 30_000);
  }

  beforeAll(async () => {
    api = await createTestApi(clock);
    worker = await createTestWorker(clock);
    db = api.app.get(Db);
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    coordinators = {
      gnesta: await createUser(api, '0461', [Role.MUNICIPALITY_COORDINATOR], 'gnesta'),
      trosa: await createUser(api, '0488', [Role.MUNICIPALITY_COORDINATOR], 'trosa'),
      flen: await createUser(api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'flen'),
      vingaker: await createUser(api, '0428', [Role.MUNICIPALITY_COORDINATOR], 'vingaker'),
      oxelosund: await createUser(api, '0481', [Role.MUNICIPALITY_COORDINATOR], 'oxelosund'),
    };
    coach = await createUser(api, '0488', [Role.TECH_COACH], 'coach');
    catalog = await alarmCatalog(api, staff.token);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('lets the node open a joint procurement with two lots; while PLANNED only the node sees it', async () => {
    const created = await api.gql(CREATE_PROCUREMENT, { i: mobileAlarmProcurement() }, as(staff));
    expect(created.errors).toBeUndefined();
    expect(created.data?.createProcurement).toMatchObject({
      status: 'PLANNED',
      category: { key: 'MOBILE_SAFETY_ALARM' },
      leadOrganization: { name: expect.any(String) },
    });
    procurementId = created.data!.createProcurement.id;
    lots = created.data!.createProcurement.lots;
    expect(lots.map((l) => l.number)).toEqual([1, 2]);

    const hidden = await api.gql(
      `query($id: ID!) { procurement(id: $id) { id } }`,
      { id: procurementId },
      as(coordinators.trosa),
    );
    expect(errorCode(hidden)).toBe('NOT_FOUND');
    expect((await api.get(`/ocds/procurements/${procurementId}`)).status).toBe(404);
    expect((await api.get(`/ocds/procurements/${procurementId}`, coordinators.trosa.token)).status).toBe(404);
    expect((await api.get(`/ocds/procurements/${procurementId}`, staff.token)).status).toBe(200);

    const spec1 = await api.gql(
      PUBLISH_SPEC,
      { i: { procurementId, summary: 'Första utkast', documentUrls: ['https://noden.example.se/krav-v1.pdf'] } },
      as(staff),
    );
    const spec2 = await api.gql(
      PUBLISH_SPEC,
      {
        i: {
          procurementId,
          summary: 'Efter dialog med leverantörer',
          documentUrls: ['https://noden.example.se/krav-v2.pdf'],
        },
      },
      as(staff),
    );
    expect(spec1.data?.publishRequirementSpecification.version).toBe(1);
    expect(spec2.data?.publishRequirementSpecification.version).toBe(2);

    const opened = await api.gql(
      CHANGE_STATUS,
      { i: { id: procurementId, status: 'OPEN_FOR_PARTICIPATION' } },
      as(staff),
    );
    expect(opened.data?.changeProcurementStatus.status).toBe('OPEN_FOR_PARTICIPATION');
    const view = await api.gql(
      `query($id: ID!) { procurement(id: $id) { status requirementSpecifications { version summary } statusHistory { toStatus changedByUserId bySystem } } }`,
      { id: procurementId },
      as(coordinators.trosa),
    );
    expect(view.data?.procurement.requirementSpecifications.map((s: { version: number }) => s.version)).toEqual([1, 2]);
    expect(view.data?.procurement.statusHistory).toEqual([
      { toStatus: 'PLANNED', changedByUserId: staff.id, bySystem: false },
      { toStatus: 'OPEN_FOR_PARTICIPATION', changedByUserId: staff.id, bySystem: false },
    ]);
  });

  it('refuses illegal transitions with CONFLICT naming the allowed ones, and awarding by status change', async () => {
    const skip = await api.gql(CHANGE_STATUS, { i: { id: procurementId, status: 'ACTIVE' } }, as(staff));
    expect(errorCode(skip)).toBe('CONFLICT');
    expect(skip.errors?.[0]?.extensions.params.allowed).toEqual(['TENDERING', 'CANCELLED']);
    const cancelWithoutReason = await api.gql(
      CHANGE_STATUS,
      { i: { id: procurementId, status: 'CANCELLED' } },
      as(staff),
    );
    expect(errorCode(cancelWithoutReason)).toBe('BAD_USER_INPUT');
    expect(cancelWithoutReason.errors?.[0]?.extensions.field).toBe('input.reason');
    expect(
      errorCode(
        await api.gql(CHANGE_STATUS, { i: { id: procurementId, status: 'TENDERING' } }, as(coordinators.trosa)),
      ),
    ).toBe('FORBIDDEN');
  });

  it('refuses joining before the window opens, with the dates', async () => {
    const early = await join(coordinators.gnesta);
    expect(errorCode(early)).toBe('CONFLICT');
    expect(early.errors?.[0]?.message).toContain('2026-11-23');
    expect(early.errors?.[0]?.message).toContain('2026-12-15');
  });

  it('lets Gnesta, Trosa and Flen join in the window, once each; the open list follows', async () => {
    await moveTo('2026-11-23T07:00:00.000Z');
    const before = await api.gql(
      `{ procurements(openForMyOrganization: true) { nodes { id } } }`,
      {},
      as(coordinators.gnesta),
    );
    expect(before.data?.procurements.nodes.map((n: { id: string }) => n.id)).toContain(procurementId);

    for (const user of [coordinators.gnesta, coordinators.trosa, coordinators.flen]) {
      const joined = await join(user);
      expect(joined.errors).toBeUndefined();
      expect(joined.data?.joinProcurement.volumes).toEqual(
        expect.arrayContaining([
          { estimatedVolume: 150, lot: { number: 1 } },
          { estimatedVolume: 40, lot: { number: 2 } },
        ]),
      );
    }
    expect(errorCode(await join(coordinators.flen))).toBe('CONFLICT');
    const changed = await api.gql(
      CHANGE_PARTICIPATION,
      {
        i: {
          procurementId,
          contactName: 'Flens kontakt',
          contactEmail: 'kontakt@flen.example.se',
          volumes: [{ lotId: lots[0].id, estimatedVolume: 90 }],
        },
      },
      as(coordinators.flen),
    );
    expect(changed.data?.changeParticipation.volumes).toEqual([{ estimatedVolume: 90, lot: { number: 1 } }]);
    expect(errorCode(await join(coach))).toBe('FORBIDDEN');
    const contacts = `query($id: ID!) { procurement(id: $id) { participants { organization { code } contactName contactEmail } } }`;
    const seenByTrosa = (await api.gql(contacts, { id: procurementId }, as(coordinators.trosa))).data?.procurement
      .participants;
    expect(
      seenByTrosa.find((p: { organization: { code: string } }) => p.organization.code === '0488').contactEmail,
    ).toBe(coordinators.trosa.email);
    expect(seenByTrosa.find((p: { organization: { code: string } }) => p.organization.code === '0482')).toMatchObject({
      contactName: null,
      contactEmail: null,
    });
    const seenByStaff = (await api.gql(contacts, { id: procurementId }, as(staff))).data?.procurement.participants;
    expect(
      seenByStaff.find((p: { organization: { code: string } }) => p.organization.code === '0482').contactEmail,
    ).toBe('kontakt@flen.example.se');

    const after = await api.gql(
      `{ procurements(openForMyOrganization: true) { nodes { id } } }`,
      {},
      as(coordinators.gnesta),
    );
    expect(after.data?.procurements.nodes.map((n: { id: string }) => n.id)).not.toContain(procurementId);
    const forVingaker = await api.gql(
      `{ procurements(openForMyOrganization: true) { nodes { id } } }`,
      {},
      as(coordinators.vingaker),
    );
    expect(forVingaker.data?.procurements.nodes.map((n: { id: string }) => n.id)).toContain(procurementId);
    // "Ours": the ones my organisation has joined, whatever their number (the app used to filter the first 100).
    const joinedBy = async (user: TestUser) =>
      (
        await api.gql(`{ procurements(joinedByMyOrganization: true) { nodes { id } } }`, {}, as(user))
      ).data?.procurements.nodes.map((n: { id: string }) => n.id);
    expect(await joinedBy(coordinators.gnesta)).toContain(procurementId);
    expect(await joinedBy(coordinators.vingaker)).not.toContain(procurementId);
  });

  it('lets a participant withdraw and rejoin while the window is open; node staff can act on its behalf', async () => {
    const oxelosund = await organizationByCode(api, '0481');
    const onBehalf = await api.gql(
      JOIN,
      {
        i: {
          procurementId,
          organizationId: oxelosund.id,
          contactName: 'Oxelösunds kontakt',
          contactEmail: 'kontakt@oxelosund.example.se',
          volumes: [{ lotId: lots[0].id, estimatedVolume: 10 }],
        },
      },
      as(staff),
    );
    expect(onBehalf.data?.joinProcurement.organization.code).toBe('0481');
    const withdrawn = await api.gql(WITHDRAW, { i: { procurementId, organizationId: oxelosund.id } }, as(staff));
    expect(withdrawn.errors).toBeUndefined();
    const participants = await api.gql(
      `query($id: ID!) { procurement(id: $id) { participants { organization { code } } } }`,
      { id: procurementId },
      as(staff),
    );
    expect(
      participants.data?.procurement.participants
        .map((p: { organization: { code: string } }) => p.organization.code)
        .sort(),
    ).toEqual(['0461', '0482', '0488']);
  });

  it('reminds organisations that have not joined 7 days before the window closes, once (worker)', async () => {
    await moveTo('2026-12-08T06:00:00.000Z');
    await runScan();
    expect(await notificationsOf(coordinators.vingaker, 'procurement.windowClosing')).toBe(1);
    expect(await notificationsOf(coordinators.oxelosund, 'procurement.windowClosing')).toBe(1);
    expect(await notificationsOf(coordinators.trosa, 'procurement.windowClosing')).toBe(0);
    await runScan();
    expect(await notificationsOf(coordinators.vingaker, 'procurement.windowClosing')).toBe(1);
    const mine = await api.gql(`{ myNotifications { nodes { kind title } } }`, {}, as(coordinators.vingaker));
    expect(mine.data?.myNotifications.nodes).toContainEqual({
      kind: 'procurement.windowClosing',
      title: expect.stringContaining('2026-12-15'),
    });
  });

  it('refuses Vingåker after the window has closed, with the dates', async () => {
    await moveTo('2026-12-15T22:30:00.000Z'); // 23:30 in Stockholm: still the last day
    const lastMinute = await api.gql(
      `{ procurements(openForMyOrganization: true) { nodes { id } } }`,
      {},
      as(coordinators.vingaker),
    );
    expect(lastMinute.data?.procurements.nodes.map((n: { id: string }) => n.id)).toContain(procurementId);
    await moveTo('2026-12-15T23:30:00.000Z'); // 00:30 on 16 December in Stockholm
    const late = await join(coordinators.vingaker);
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors?.[0]?.extensions.field).toBe('input.procurementId');
    expect(late.errors?.[0]?.message).toMatch(/2026-11-23.*2026-12-15/);
    expect(late.errors?.[0]?.extensions.params).toMatchObject({
      opensOn: '2026-11-23',
      closesOn: '2026-12-15',
      today: '2026-12-16',
    });
    expect(errorCode(await api.gql(WITHDRAW, { i: { procurementId } }, as(coordinators.flen)))).toBe('CONFLICT');
  });

  it('awards the framework agreement per lot with suppliers, rankings, products and extension options', async () => {
    await moveTo('2026-12-20T09:00:00.000Z');
    expect(
      (await api.gql(CHANGE_STATUS, { i: { id: procurementId, status: 'TENDERING' } }, as(staff))).errors,
    ).toBeUndefined();
    const noden = await organizationByCode(api, 'Noden');
    const award = (lotsInput: unknown[], overrides: Record<string, unknown> = {}) =>
      api.gql(
        AWARD,
        {
          i: {
            procurementId,
            startsOn: '2027-01-01',
            endsOn: '2028-12-31',
            extensionOptions: [{ months: 12 }, { months: 12 }],
            callOffMethod: 'DIRECT_BY_RANKING',
            followUpOrganizationId: noden.id,
            followUpContactName: 'Avtalsförvaltare Noden',
            followUpContactEmail: 'avtal@noden.example.se',
            lots: lotsInput,
            ...overrides,
          },
        },
        as(staff),
      );
    const wrongSupplier = await award([
      {
        lotId: lots[0].id,
        suppliers: [{ supplierId: catalog.supplierB, ranking: 1, productIds: [catalog.gpsAlarm] }],
      },
    ]);
    expect(errorCode(wrongSupplier)).toBe('BAD_USER_INPUT');
    expect(wrongSupplier.errors?.[0]?.extensions.field).toBe('input.lots.0.suppliers.0.productIds.0');
    const backwards = await award(
      [
        {
          lotId: lots[0].id,
          suppliers: [{ supplierId: catalog.supplierA, ranking: 1, productIds: [catalog.gpsAlarm] }],
        },
      ],
      { endsOn: '2026-12-31' },
    );
    expect(backwards.errors?.[0]?.extensions.field).toBe('input.endsOn');

    const awarded = await award([
      {
        lotId: lots[0].id,
        suppliers: [
          { supplierId: catalog.supplierA, ranking: 1, productIds: [catalog.gpsAlarm] },
          { supplierId: catalog.supplierB, ranking: 2, productIds: [catalog.otherGpsAlarm] },
        ],
      },
      {
        lotId: lots[1].id,
        suppliers: [{ supplierId: catalog.supplierA, ranking: 1, productIds: [catalog.indoorAlarm] }],
      },
    ]);
    expect(awarded.errors).toBeUndefined();
    expect(awarded.data?.awardFrameworkAgreement).toMatchObject({
      status: 'AWARDED',
      startsOn: '2027-01-01',
      endsOn: '2028-12-31',
      extensionOptions: [
        { months: 12, used: false },
        { months: 12, used: false },
      ],
    });
    agreementId = awarded.data!.awardFrameworkAgreement.id;
  });

  it('keeps the agreement from being ACTIVE or called off before its start', async () => {
    const early = await api.gql(CHANGE_STATUS, { i: { id: procurementId, status: 'ACTIVE' } }, as(staff));
    expect(errorCode(early)).toBe('CONFLICT');
    expect(early.errors?.[0]?.message).toContain('2027-01-01');
    const callOff = await api.gql(
      CALL_OFF,
      { i: { agreementId, lotId: lots[0].id, productId: catalog.gpsAlarm, quantity: 10, valueSek: 25_000 } },
      as(coordinators.trosa),
    );
    expect(errorCode(callOff)).toBe('CONFLICT');
    expect(callOff.errors?.[0]?.extensions.field).toBe('input.agreementId');
  });

  it('lets Trosa call off a product from lot 1, and refuses Oxelösund and a product outside the lot', async () => {
    await moveTo('2027-01-10T09:00:00.000Z');
    expect(
      (await api.gql(CHANGE_STATUS, { i: { id: procurementId, status: 'ACTIVE' } }, as(staff))).data
        ?.changeProcurementStatus.status,
    ).toBe('ACTIVE');

    // The alarm's compatibility depends on an alarm receiving centre, and Trosa has registered none.
    const receiver = await createSystem(api, staff, 'ALARM_RECEIVER', 'Larmcentral', ['5.0']);
    await assertCompatibility(api, staff, {
      productId: catalog.gpsAlarm,
      systemId: receiver,
      systemVersions: '*',
      status: 'SUPPORTED',
    });
    // Before calling off: exactly createCallOff's checks and warnings, nothing written.
    const PREVIEW = `query($i: CallOffPreviewInput!) { callOffPreview(input: $i) { warnings { code message productId } } }`;
    const db = api.app.get(Db).manager;
    const written = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*) FROM call_offs)::int AS call_offs, (SELECT count(*) FROM audit_log WHERE action = 'callOff.created')::int AS audited`,
        )
      )[0];
    const before = await written();
    const preview = await api.gql(
      PREVIEW,
      { i: { agreementId, lotId: lots[0].id, productId: catalog.gpsAlarm } },
      { ...as(coordinators.trosa), headers: { 'accept-language': 'en-GB,en;q=0.9' } },
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data?.callOffPreview.warnings).toEqual([
      {
        code: 'NO_SYSTEM_OF_KIND',
        message: 'Compatibility unknown: no alarm receiving centre in your landscape.',
        productId: catalog.gpsAlarm,
      },
    ]);
    for (const [who, productId, code, field] of [
      [coordinators.oxelosund, catalog.gpsAlarm, 'FORBIDDEN', 'input.agreementId'],
      [coordinators.trosa, catalog.indoorAlarm, 'BAD_USER_INPUT', 'input.productId'],
    ] as const) {
      const refused = await api.gql(PREVIEW, { i: { agreementId, lotId: lots[0].id, productId } }, as(who));
      expect([errorCode(refused), refused.errors?.[0]?.extensions.field]).toEqual([code, field]);
    }
    expect(await written()).toEqual(before);

    const trosa = await api.gql(
      CALL_OFF,
      { i: { agreementId, lotId: lots[0].id, productId: catalog.gpsAlarm, quantity: 25, valueSek: 62_500.5 } },
      { ...as(coordinators.trosa), headers: { 'accept-language': 'en-GB,en;q=0.9' } },
    );
    expect(trosa.errors).toBeUndefined();
    expect(trosa.data?.createCallOff).toMatchObject({
      callOff: {
        quantity: 25,
        valueSek: 62_500.5,
        calledOffOn: '2027-01-10',
        method: 'DIRECT_BY_RANKING',
        organization: { code: '0488' },
        lot: { number: 1 },
      },
      warnings: [
        {
          code: 'NO_SYSTEM_OF_KIND',
          message: 'Compatibility unknown: no alarm receiving centre in your landscape.',
          productId: catalog.gpsAlarm,
        },
      ],
    });

    const oxelosund = await api.gql(
      CALL_OFF,
      { i: { agreementId, lotId: lots[0].id, productId: catalog.gpsAlarm, quantity: 5, valueSek: 12_000 } },
      as(coordinators.oxelosund),
    );
    expect(errorCode(oxelosund)).toBe('FORBIDDEN');
    expect(oxelosund.errors?.[0]?.extensions.field).toBe('input.agreementId');

    const outside = await api.gql(
      CALL_OFF,
      { i: { agreementId, lotId: lots[0].id, productId: catalog.indoorAlarm, quantity: 5, valueSek: 12_000 } },
      as(coordinators.trosa),
    );
    expect(errorCode(outside)).toBe('BAD_USER_INPUT');
    expect(outside.errors?.[0]?.extensions.field).toBe('input.productId');

    const zero = await api.gql(
      CALL_OFF,
      { i: { agreementId, lotId: lots[0].id, productId: catalog.gpsAlarm, quantity: 0, valueSek: -1 } },
      as(coordinators.trosa),
    );
    expect(errorCode(zero)).toBe('BAD_USER_INPUT');
    expect(zero.errors?.[0]?.extensions.field).toBe('input.quantity');
  });

  it("shows the agreement's card: lots, suppliers, products, validity, participants, call-offs so far", async () => {
    const card = await api.gql(CARD, { id: agreementId }, as(coordinators.gnesta));
    expect(card.errors).toBeUndefined();
    const agreement = card.data!.frameworkAgreement;
    expect(agreement).toMatchObject({
      status: 'ACTIVE',
      startsOn: '2027-01-01',
      endsOn: '2028-12-31',
      callOffMethod: 'DIRECT_BY_RANKING',
      decisions: [],
    });
    expect(agreement.lots.map((l: { number: number }) => l.number)).toEqual([1, 2]);
    expect(
      agreement.lots[0].awardedSuppliers.map((s: { ranking: number; products: { id: string }[] }) => [
        s.ranking,
        s.products.map((p) => p.id),
      ]),
    ).toEqual([
      [1, [catalog.gpsAlarm]],
      [2, [catalog.otherGpsAlarm]],
    ]);
    expect(agreement.participants.map((p: { organization: { code: string } }) => p.organization.code).sort()).toEqual([
      '0461',
      '0482',
      '0488',
    ]);
    expect(agreement.callOffTotals).toEqual({ count: 1, quantity: 25, valueSek: 62_500.5 });
  });

  it('reminds participants and node staff 6 and 1 months before the end, once each (worker)', async () => {
    await moveTo('2028-06-30T08:00:00.000Z');
    await runScan();
    expect(await notificationsOf(coordinators.trosa, 'procurement.agreementEnding')).toBe(1);
    expect(await notificationsOf(staff, 'procurement.agreementEnding')).toBe(1);
    expect(await notificationsOf(coordinators.vingaker, 'procurement.agreementEnding')).toBe(0);
    await runScan();
    expect(await notificationsOf(coordinators.trosa, 'procurement.agreementEnding')).toBe(1);

    await moveTo('2028-12-01T08:00:00.000Z');
    await runScan();
    await runScan();
    expect(await notificationsOf(coordinators.gnesta, 'procurement.agreementEnding')).toBe(2);
    expect(await notificationsOf(staff, 'procurement.agreementEnding')).toBe(2);
  });

  it('extends the agreement by an extension option; the new end earns its own reminders', async () => {
    const card = await api.gql(CARD, { id: agreementId }, as(staff));
    const [first] = card.data!.frameworkAgreement.extensionOptions;
    expect(
      errorCode(await api.gql(USE_EXTENSION, { i: { agreementId, optionId: first.id } }, as(coordinators.trosa))),
    ).toBe('FORBIDDEN');
    const extended = await api.gql(USE_EXTENSION, { i: { agreementId, optionId: first.id } }, as(staff));
    expect(extended.data?.useExtensionOption).toMatchObject({
      endsOn: '2029-12-31',
      extensionOptions: [
        { months: 12, used: true },
        { months: 12, used: false },
      ],
    });
    expect(errorCode(await api.gql(USE_EXTENSION, { i: { agreementId, optionId: first.id } }, as(staff)))).toBe(
      'CONFLICT',
    );
    await moveTo('2029-12-05T08:00:00.000Z');
    await runScan();
    expect(await notificationsOf(coordinators.trosa, 'procurement.agreementEnding')).toBe(3);
  });

  it('refuses call-offs after the end even before the worker ran, then the worker expires the agreement', async () => {
    await moveTo('2030-01-01T08:00:00.000Z');
    const late = await api.gql(
      CALL_OFF,
      { i: { agreementId, lotId: lots[0].id, productId: catalog.gpsAlarm, quantity: 1, valueSek: 2_500 } },
      as(coordinators.trosa),
    );
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors?.[0]?.extensions.params).toMatchObject({
      status: 'ACTIVE',
      endsOn: '2029-12-31',
      today: '2030-01-01',
    });
    await runScan();
    const view = await api.gql(
      `query($id: ID!) { procurement(id: $id) { status statusHistory { toStatus changedByUserId bySystem reason } } }`,
      { id: procurementId },
      as(staff),
    );
    expect(view.data?.procurement.status).toBe('EXPIRED');
    expect(view.data?.procurement.statusHistory.at(-1)).toMatchObject({
      toStatus: 'EXPIRED',
      changedByUserId: null,
      bySystem: true,
    });
    const options = (await api.gql(CARD, { id: agreementId }, as(staff))).data!.frameworkAgreement.extensionOptions;
    const extend = await api.gql(USE_EXTENSION, { i: { agreementId, optionId: options[1].id } }, as(staff));
    expect(errorCode(extend)).toBe('CONFLICT');
  });

  it('exports the procurement and its call-offs as a valid OCDS 1.1 release package, without a token', async () => {
    const response = await api.get(`/ocds/procurements/${procurementId}`);
    expect(response.status).toBe(200);
    const pkg = response.body;
    const { valid, errors } = validateOcds(pkg);
    expect(errors).toBeNull();
    expect(valid).toBe(true);
    expect(pkg).toMatchObject({
      version: '1.1',
      publishedDate: clock.now().toISOString(),
      publisher: { name: expect.any(String) },
    });
    expect((await api.get(`/ocds/releases?procurementId=${procurementId}`)).body).toEqual(pkg);
    const missing = await api.get('/ocds/releases');
    expect([missing.status, missing.body.error.code, missing.body.error.field]).toEqual([
      400,
      'BAD_USER_INPUT',
      'procurementId',
    ]);
    const [framework, ...callOffs] = pkg.releases;
    expect(framework).toMatchObject({
      ocid: `ocds-noden-${procurementId}`,
      tender: { techniques: { hasFrameworkAgreement: true }, procurementMethod: 'open' },
    });
    expect(framework.tender.lots).toHaveLength(2);
    expect(framework.awards).toHaveLength(3);
    expect(framework.contracts).toHaveLength(3);
    expect(callOffs).toHaveLength(1);
    expect(callOffs[0].relatedProcesses).toEqual([
      { id: '1', relationship: ['framework'], title: expect.any(String), scheme: 'ocid', identifier: framework.ocid },
    ]);
    expect((await api.get('/ocds/procurements/not-a-uuid')).status).toBe(400);
  });
});

describe('procurement: validation, extension options, list cost', () => {
  let api: TestApi;
  let staff: TestUser;
  let coordinator: TestUser;

  beforeAll(async () => {
    api = await createTestApi(new ManualClock('2026-11-22T08:00:00.000Z'));
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    coordinator = await createUser(api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'eskilstuna');
  });
  afterAll(() => api.close());

  it('answers bad input with BAD_USER_INPUT naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '   ' }, 'input.title'],
      [{ lots: [] }, 'input.lots'],
      [{ lots: [{ name: '' }] }, 'input.lots.0.name'],
      [{ estimatedValueSek: -5 }, 'input.estimatedValueSek'],
      [{ estimatedValueSek: 1e15 }, 'input.estimatedValueSek'],
      [{ participationOpensOn: '2026-13-01' }, 'input.participationOpensOn'],
      [{ participationClosesOn: '2026-11-01' }, 'input.participationClosesOn'],
      [{ needIds: ['not-a-uuid'] }, 'input.needIds'],
      [{ lots: [{ name: 'Lika' }, { name: 'lika' }] }, 'input.lots.1.name'],
    ];
    for (const [override, field] of cases) {
      const response = await api.gql(
        CREATE_PROCUREMENT,
        { i: mobileAlarmProcurement(override) },
        { token: staff.token },
      );
      expect({ field, code: errorCode(response), got: response.errors?.[0]?.extensions.field }).toEqual({
        field,
        code: 'BAD_USER_INPUT',
        got: field,
      });
    }
    const unknownCategory = await api.gql(
      CREATE_PROCUREMENT,
      { i: mobileAlarmProcurement({ category: 'TELEPORTER' }) },
      { token: staff.token },
    );
    expect(unknownCategory.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.category' });
  });

  it('lets a coordinator lead for their own organisation only; spec links must be https', async () => {
    const other = await organizationByCode(api, '0480');
    expect(
      errorCode(
        await api.gql(
          CREATE_PROCUREMENT,
          { i: mobileAlarmProcurement({ leadOrganizationId: other.id }) },
          { token: coordinator.token },
        ),
      ),
    ).toBe('FORBIDDEN');
    const own = await api.gql(
      CREATE_PROCUREMENT,
      { i: mobileAlarmProcurement({ title: 'Eskilstunas egen upphandling' }) },
      { token: coordinator.token },
    );
    expect(own.errors).toBeUndefined();
    const http = await api.gql(
      PUBLISH_SPEC,
      {
        i: {
          procurementId: own.data?.createProcurement.id,
          summary: 'v1',
          documentUrls: ['http://insecure.example.se/krav.pdf'],
        },
      },
      { token: coordinator.token },
    );
    expect(errorCode(http)).toBe('BAD_USER_INPUT');
    expect(http.errors?.[0]?.extensions.field).toMatch(/^input\.documentUrls/);
    const updated = await api.gql(
      `mutation($i: UpdateProcurementInput!) { updateProcurement(input: $i) { title participationClosesOn lots { number name } } }`,
      {
        i: {
          id: own.data?.createProcurement.id,
          title: 'Nytt namn',
          participationClosesOn: '2026-12-20',
          lots: [{ name: 'Ett enda delområde' }],
        },
      },
      { token: coordinator.token },
    );
    expect(updated.data?.updateProcurement).toEqual({
      title: 'Nytt namn',
      participationClosesOn: '2026-12-20',
      lots: [{ number: 1, name: 'Ett enda delområde' }],
    });

    const nykoping = await createUser(api, '0480', [Role.MUNICIPALITY_COORDINATOR], 'nykoping');
    const planned = `{ procurements(status: PLANNED) { nodes { id } } }`;
    const ids = async (user: TestUser) =>
      (await api.gql(planned, {}, { token: user.token })).data?.procurements.nodes.map((n: { id: string }) => n.id);
    expect(await ids(coordinator)).toContain(own.data?.createProcurement.id);
    expect(await ids(nykoping)).not.toContain(own.data?.createProcurement.id);
    const notLead = await api.gql(
      CHANGE_STATUS,
      { i: { id: own.data?.createProcurement.id, status: 'OPEN_FOR_PARTICIPATION' } },
      { token: nykoping.token },
    );
    expect(errorCode(notLead)).toBe('NOT_FOUND');
  });

  it('pages procurements with a constant number of SQL statements', async () => {
    for (let i = 0; i < 11; i++) {
      const created = await api.gql(
        CREATE_PROCUREMENT,
        { i: mobileAlarmProcurement({ title: `Upphandling ${i}`, category: 'GPS_ALARM' }) },
        { token: staff.token },
      );
      await api.gql(
        CHANGE_STATUS,
        { i: { id: created.data?.createProcurement.id, status: 'OPEN_FOR_PARTICIPATION' } },
        { token: staff.token },
      );
    }
    const query = `query($first: Int, $after: String) { procurements(category: "GPS_ALARM", first: $first, after: $after) {
      nodes { title status category { key } leadOrganization { name } lots { name awardedSuppliers { ranking } } requirementSpecifications { version }
        participants { organization { name } volumes { estimatedVolume lot { name } } } frameworkAgreement { id } statusHistory { toStatus } needs { id } decisions { id } }
      pageInfo { hasNextPage endCursor } } }`;
    const small = await api.gql(query, { first: 2 }, { token: coordinator.token });
    const large = await api.gql(query, { first: 10 }, { token: coordinator.token });
    expect(large.errors).toBeUndefined();
    expect(large.data?.procurements.nodes).toHaveLength(10);
    expect(large.sqlStatements).toBe(small.sqlStatements);
    const next = await api.gql(
      query,
      { first: 10, after: large.data?.procurements.pageInfo.endCursor },
      { token: coordinator.token },
    );
    expect(next.data?.procurements.nodes).toHaveLength(1);
  });
});
