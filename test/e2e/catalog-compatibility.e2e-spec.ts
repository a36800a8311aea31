import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, RequestContext, Role } from '#core';
import { CompatibilityQuestionService } from '#catalog';
import { createTestApi, errorCode, type GqlResponse, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import {
  ASSERT,
  assertCompatibility,
  createProduct,
  createSupplier,
  createSystem,
  setOrganizationSystem,
} from '../support/catalog-builders.js';

const MATRIX = `query($c: String!, $k: String) { compatibilityMatrix(category: $c, systemKind: $k) {
  category { key } systemKind { key } defaultStatus unknownCellCount
  products { id name supplierName currentVersion } systems { id name kindKey currentVersion }
  cells { productId systemId status evidence note statementId } grid { statuses evidenceLevels cells } } }`;
const COMPATIBLE = `query($o: ID!, $c: String!) { compatibleProducts(organizationId: $o, category: $c) {
  systemKinds { key } consideredSystems { version system { id } }
  compatible { product { id } partial weakestEvidence reasons checks { systemId status evidence } }
  excluded { product { id } reasons checks { systemId status } } } }`;
const UPGRADE = `query($o: ID!, $s: ID!, $v: String!) { upgradeImpact(organizationId: $o, systemId: $s, toVersion: $v) {
  fromVersion toVersion system { id }
  affected { product { id } change statusAtTarget today { status } atTarget { status } }
  unaffected { product { id } change statusAtTarget } } }`;
const HISTORY = `query($p: ID!, $s: ID) { compatibilityHistory(productId: $p, systemId: $s) {
  id status current productVersions systemVersions assertedAt supersededAt supersededByStatementId assertedBy { id } supersededBy { id } } }`;

function field(response: GqlResponse): string | undefined {
  return response.errors?.[0]?.extensions.field;
}

describe('catalogue: systems, landscapes and the compatibility matrix', () => {
  let api: TestApi;
  let staff: TestUser;
  let coach: TestUser;
  let vingakerCoordinator: TestUser;
  let flenCoordinator: TestUser;
  /** Vingåker runs alarm receiver X v4 and care system Y v7 (issue 3). */
  let x: string;
  let y: string;
  const p: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };

  beforeAll(async () => {
    api = await createTestApi();
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    coach = await createUser(api, '0428', [Role.TECH_COACH], 'coach');
    vingakerCoordinator = await createUser(api, '0428', [Role.MUNICIPALITY_COORDINATOR], 'coordinator vingaker');
    flenCoordinator = await createUser(api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'coordinator flen');

    x = await createSystem(api, staff, 'ALARM_RECEIVER', 'Larmmottagning X', ['4']);
    y = await createSystem(api, staff, 'CARE_DOCUMENTATION', 'Verksamhetssystem Y', ['7']);
    const supplier = await createSupplier(api, staff);
    for (const name of ['A', 'B', 'C', 'D'] as const)
      p[name] = await createProduct(api, staff, 'SAFETY_ALARM', `Trygghetslarm ${name}`, ['2.1'], supplier);

    await assertCompatibility(api, staff, {
      productId: p.A,
      productVersions: '>=2 <3',
      systemId: x,
      systemVersions: '>=4 <6',
      status: 'SUPPORTED',
      evidence: 'VERIFIED_IN_PRODUCTION',
    });
    await assertCompatibility(api, staff, { productId: p.A, systemId: y, systemVersions: '7.x', status: 'SUPPORTED' });
    await assertCompatibility(api, staff, {
      productId: p.A,
      systemId: y,
      systemVersions: '8.x',
      status: 'NOT_SUPPORTED',
      note: 'Nytt API för larmhändelser',
    });
    await assertCompatibility(api, staff, { productId: p.B, systemId: x, systemVersions: '>=4', status: 'SUPPORTED' });
    await assertCompatibility(api, staff, {
      productId: p.B,
      systemId: y,
      systemVersions: '>=7',
      status: 'PARTIAL',
      note: 'Larmhistorik överförs inte',
    });
    await assertCompatibility(api, staff, {
      productId: p.C,
      systemId: x,
      systemVersions: '4.x',
      status: 'NOT_SUPPORTED',
    });
    await assertCompatibility(api, staff, { productId: p.C, systemId: y, systemVersions: '7.x', status: 'SUPPORTED' });
    await assertCompatibility(api, staff, {
      productId: p.D,
      systemId: x,
      status: 'SUPPORTED',
      evidence: 'VERIFIED_IN_PRODUCTION',
    });
    await assertCompatibility(api, staff, {
      productId: p.D,
      systemId: y,
      systemVersions: '>=7',
      status: 'SUPPORTED',
      evidence: 'VERIFIED_IN_PRODUCTION',
    });

    expect(
      (await setOrganizationSystem(api, vingakerCoordinator, vingakerCoordinator.organizationId, x, '4')).errors,
    ).toBeUndefined();
    expect(
      (await setOrganizationSystem(api, staff, vingakerCoordinator.organizationId, y, '7')).errors,
    ).toBeUndefined();
  });
  afterAll(() => api.close());

  it('lists the seeded system kinds and standards', async () => {
    const response = await api.gql(
      `{ systemKinds { key labelSv labelEn } standards { key name } }`,
      {},
      { token: coach.token },
    );
    expect(response.data?.systemKinds.map((k: { key: string }) => k.key)).toEqual([
      'CARE_DOCUMENTATION',
      'ALARM_RECEIVER',
      'PLANNING',
      'KEY_MANAGEMENT',
      'E_SIGNING',
      'E_ID',
      'NETWORK',
    ]);
    expect(response.data?.systemKinds[1]).toEqual({
      key: 'ALARM_RECEIVER',
      labelSv: 'Larmmottagning',
      labelEn: 'Alarm receiving centre',
    });
    expect(response.data?.standards.map((s: { key: string }) => s.key)).toEqual([
      'SCAIP',
      'SIS_TR_91101',
      'EN_50134_9',
      'BS_8521_2',
      'HL7_FHIR',
    ]);
  });

  it('shows the organisation landscape and the systems catalogue', async () => {
    const landscape = await api.gql(
      `query($o: ID!) { organizationSystems(organizationId: $o) { version system { id kind { key } versions { version } } } }`,
      { o: vingakerCoordinator.organizationId },
      { token: coach.token },
    );
    expect(landscape.data?.organizationSystems).toEqual(
      expect.arrayContaining([
        { version: '4', system: { id: x, kind: { key: 'ALARM_RECEIVER' }, versions: [{ version: '4' }] } },
        { version: '7', system: { id: y, kind: { key: 'CARE_DOCUMENTATION' }, versions: [{ version: '7' }] } },
      ]),
    );
    const systems = await api.gql(
      `{ systems(kind: "ALARM_RECEIVER", first: 100) { nodes { id currentVersion } } }`,
      {},
      { token: coach.token },
    );
    expect(systems.data?.systems.nodes).toContainEqual({ id: x, currentVersion: '4' });
  });

  it('answers the matrix: a sparse grid of current statements, UNKNOWN elsewhere', async () => {
    const response = await api.gql(MATRIX, { c: 'SAFETY_ALARM' }, { token: coach.token });
    expect(response.errors).toBeUndefined();
    const matrix = response.data!.compatibilityMatrix;
    expect(matrix.defaultStatus).toBe('UNKNOWN');
    const cell = (product: string, system: string) =>
      matrix.cells.find(
        (c: { productId: string; systemId: string }) => c.productId === product && c.systemId === system,
      );
    expect(cell(p.A, x)).toMatchObject({ status: 'SUPPORTED', evidence: 'VERIFIED_IN_PRODUCTION' });
    expect(cell(p.A, y)).toMatchObject({ status: 'SUPPORTED', evidence: 'VENDOR_CLAIMED' });
    expect(cell(p.B, y)).toMatchObject({ status: 'PARTIAL', note: 'Larmhistorik överförs inte' });
    expect(cell(p.C, x)).toMatchObject({ status: 'NOT_SUPPORTED' });
    expect(matrix.products.map((row: { id: string }) => row.id)).toEqual(expect.arrayContaining(Object.values(p)));
    expect(matrix.unknownCellCount).toBe(matrix.products.length * matrix.systems.length - matrix.cells.length);

    // The compact grid a web page renders: the same cells as index tuples into the lists and legends.
    const { grid } = matrix;
    const decoded = grid.cells.map(
      ([pi, si, st, ev, statementId, note]: [number, number, number, number, string, string | null]) => ({
        productId: matrix.products[pi].id,
        systemId: matrix.systems[si].id,
        status: grid.statuses[st],
        evidence: grid.evidenceLevels[ev],
        statementId,
        note,
      }),
    );
    expect(decoded).toEqual(
      matrix.cells.map(({ productId, systemId, status, evidence, statementId, note }: Record<string, unknown>) => ({
        productId,
        systemId,
        status,
        evidence,
        statementId,
        note,
      })),
    );
    expect(decoded).toContainEqual(
      expect.objectContaining({ productId: p.B, systemId: y, status: 'PARTIAL', note: 'Larmhistorik överförs inte' }),
    );

    const alarmOnly = await api.gql(MATRIX, { c: 'SAFETY_ALARM', k: 'ALARM_RECEIVER' }, { token: coach.token });
    expect(
      alarmOnly.data?.compatibilityMatrix.systems.every((s: { kindKey: string }) => s.kindKey === 'ALARM_RECEIVER'),
    ).toBe(true);
    expect(alarmOnly.data?.compatibilityMatrix.cells.some((c: { systemId: string }) => c.systemId === y)).toBe(false);
  });

  it('answers which products work with everything Vingåker runs, ranked by evidence, with reasons for the rest', async () => {
    const response = await api.gql(
      COMPATIBLE,
      { o: vingakerCoordinator.organizationId, c: 'SAFETY_ALARM' },
      { token: coach.token },
    );
    expect(response.errors).toBeUndefined();
    const answer = response.data!.compatibleProducts;
    expect(answer.systemKinds.map((k: { key: string }) => k.key)).toEqual(['CARE_DOCUMENTATION', 'ALARM_RECEIVER']);
    const ours = (list: { product: { id: string } }[]) => list.filter((f) => Object.values(p).includes(f.product.id));
    expect(ours(answer.compatible).map((f) => f.product.id)).toEqual([p.D, p.A, p.B]);
    expect(ours(answer.compatible)[0]).toMatchObject({
      partial: false,
      weakestEvidence: 'VERIFIED_IN_PRODUCTION',
      reasons: [],
    });
    expect(ours(answer.compatible)[1]).toMatchObject({ partial: false, weakestEvidence: 'VENDOR_CLAIMED' });
    expect(ours(answer.compatible)[2]).toMatchObject({
      partial: true,
      reasons: [expect.stringContaining('Larmhistorik överförs inte')],
    });
    const c = ours(answer.excluded).find((f) => f.product.id === p.C) as unknown as {
      reasons: string[];
      checks: { systemId: string; status: string }[];
    };
    expect(c.checks).toContainEqual({ systemId: x, status: 'NOT_SUPPORTED' });
    expect(c.reasons).toEqual([expect.stringMatching(/^Fungerar inte med Larmmottagning X .* 4\.$/)]);
  });

  it('answers what breaks when Vingåker upgrades Y from 7 to 8', async () => {
    const response = await api.gql(
      UPGRADE,
      { o: vingakerCoordinator.organizationId, s: y, v: '8' },
      { token: coach.token },
    );
    expect(response.errors).toBeUndefined();
    const impact = response.data!.upgradeImpact;
    expect(impact).toMatchObject({ fromVersion: '7', toVersion: '8', system: { id: y } });
    const change = (list: { product: { id: string }; change: string }[]) =>
      Object.fromEntries(list.map((i) => [i.product.id, i.change]));
    expect(change(impact.affected)).toEqual({ [p.A]: 'BREAKS', [p.C]: 'BECOMES_UNKNOWN' });
    expect(change(impact.unaffected)).toEqual({ [p.B]: 'HOLDS', [p.D]: 'HOLDS' });
    expect(impact.affected.find((i: { product: { id: string } }) => i.product.id === p.C)).toMatchObject({
      statusAtTarget: 'UNKNOWN',
      atTarget: null,
      today: { status: 'SUPPORTED' },
    });

    expect(
      errorCode(await api.gql(UPGRADE, { o: flenCoordinator.organizationId, s: y, v: '8' }, { token: coach.token })),
    ).toBe('NOT_FOUND');
    const badVersion = await api.gql(
      UPGRADE,
      { o: vingakerCoordinator.organizationId, s: y, v: 'nästa' },
      { token: coach.token },
    );
    expect(errorCode(badVersion)).toBe('BAD_USER_INPUT');
    expect(field(badVersion)).toBe('toVersion');
  });

  it('warns other domains (call-offs) about the systems a product is not known to support', async () => {
    const warnings = api.app.get(CompatibilityQuestionService);
    const ctx = RequestContext.system(vingakerCoordinator.organizationId);
    expect(await warnings.compatibilityWarnings(ctx, vingakerCoordinator.organizationId, p.D)).toEqual([]);
    const forB = await warnings.compatibilityWarnings(ctx, vingakerCoordinator.organizationId, p.B);
    expect(forB).toEqual([
      expect.objectContaining({
        systemId: y,
        systemVersion: '7',
        productVersion: '2.1',
        status: 'PARTIAL',
        note: 'Larmhistorik överförs inte',
      }),
    ]);
    const forC = await warnings.compatibilityWarnings(ctx, vingakerCoordinator.organizationId, p.C);
    expect(forC.map((w) => [w.systemId, w.status])).toEqual([[x, 'NOT_SUPPORTED']]);
  });

  it('moves the matrix when a system releases a version', async () => {
    const added = await api.gql(
      `mutation($i: AddSystemVersionInput!) { addSystemVersion(input: $i) { currentVersion } }`,
      { i: { systemId: y, version: '8' } },
      { token: staff.token },
    );
    expect(added.data?.addSystemVersion.currentVersion).toBe('8');
    const matrix = (await api.gql(MATRIX, { c: 'SAFETY_ALARM', k: 'CARE_DOCUMENTATION' }, { token: coach.token })).data!
      .compatibilityMatrix;
    const cell = (product: string) =>
      matrix.cells.find((c: { productId: string; systemId: string }) => c.productId === product && c.systemId === y);
    expect(cell(p.A)).toMatchObject({ status: 'NOT_SUPPORTED' });
    expect(cell(p.C)).toBeUndefined();
  });

  it('supersedes overlapping statements of the same pair and keeps the history', async () => {
    const product = await createProduct(api, staff, 'SAFETY_ALARM', 'Historik', ['2.5']);
    const first = await assertCompatibility(api, staff, {
      productId: product,
      productVersions: '>=1 <3',
      systemId: y,
      systemVersions: '7',
      status: 'SUPPORTED',
    });
    const separate = await assertCompatibility(api, staff, {
      productId: product,
      productVersions: '>=3',
      systemId: y,
      systemVersions: '7',
      status: 'UNKNOWN',
    });
    api.clock.advance(60_000);
    const second = await assertCompatibility(api, staff, {
      productId: product,
      productVersions: '2.x',
      systemId: y,
      systemVersions: '7.x',
      status: 'NOT_SUPPORTED',
      sourceNote: 'Test i Katrineholm',
    });
    const history = (await api.gql(HISTORY, { p: product, s: y }, { token: coach.token })).data!.compatibilityHistory;
    expect(history.map((s: { id: string }) => s.id)).toEqual([second, expect.any(String), expect.any(String)]);
    const byId = Object.fromEntries(history.map((s: { id: string }) => [s.id, s]));
    expect(byId[second]).toMatchObject({ current: true, supersededAt: null, assertedBy: { id: staff.id } });
    expect(byId[first]).toMatchObject({
      current: false,
      supersededByStatementId: second,
      supersededBy: { id: staff.id },
      supersededAt: '2026-11-22T08:01:00.000Z',
    });
    expect(byId[separate]).toMatchObject({ current: true });
    const current = await api.gql(
      `query($id: ID!) { product(id: $id) { compatibility { id } } }`,
      { id: product },
      { token: coach.token },
    );
    expect(current.data?.product.compatibility.map((s: { id: string }) => s.id).sort()).toEqual(
      [second, separate].sort(),
    );
  });

  it('records standard conformance (SCAIP sender side with its certificate)', async () => {
    const response = await api.gql(
      `mutation($i: RecordStandardConformanceInput!) { recordStandardConformance(input: $i) { id role certificateId testSpecificationVersion validFrom standard { key } } }`,
      {
        i: {
          productId: p.A,
          standard: 'SCAIP',
          role: 'SENDER',
          certificateId: 'SCAIP-2026-017',
          testSpecificationVersion: 'SIS-TR 91101:2016',
          validFrom: '2026-01-01',
          validTo: '2028-12-31',
        },
      },
      { token: staff.token },
    );
    expect(response.errors).toBeUndefined();
    const product = await api.gql(
      `query($id: ID!) { product(id: $id) { standardConformances { role certificateId standard { key } } } }`,
      { id: p.A },
      { token: coach.token },
    );
    expect(product.data?.product.standardConformances).toEqual([
      { role: 'SENDER', certificateId: 'SCAIP-2026-017', standard: { key: 'SCAIP' } },
    ]);
    const inverted = await api.gql(
      `mutation($i: RecordStandardConformanceInput!) { recordStandardConformance(input: $i) { id } }`,
      { i: { productId: p.A, standard: 'SCAIP', validFrom: '2026-01-01', validTo: '2025-01-01' } },
      { token: staff.token },
    );
    expect(field(inverted)).toBe('input.validTo');

    const expired = await api.gql(
      `mutation($i: RecordStandardConformanceInput!) { recordStandardConformance(input: $i) { id } }`,
      { i: { productId: p.B, standard: 'SCAIP', role: 'BOTH', validTo: '2025-12-31' } },
      { token: staff.token },
    );
    expect(expired.errors).toBeUndefined();
    const list = `query($r: ConformanceRole, $e: Boolean) { standardConformances(standard: "SCAIP", role: $r, includeExpired: $e) { product { id } role } }`;
    const ids = async (variables: Record<string, unknown>) =>
      (await api.gql(list, variables, { token: coach.token })).data?.standardConformances.map(
        (c: { product: { id: string } }) => c.product.id,
      );
    expect(await ids({ r: 'SENDER' })).toEqual([p.A]);
    expect(await ids({ r: 'RECEIVER' })).toEqual([]);
    expect(await ids({ r: 'RECEIVER', e: true })).toEqual([p.B]);
  });

  it('refuses bad statements with BAD_USER_INPUT naming the field, and unknown ids with NOT_FOUND', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ productVersions: '' }, 'BAD_USER_INPUT', 'input.productVersions'],
      [{ productVersions: '>=3 <2' }, 'BAD_USER_INPUT', 'input.productVersions'],
      [{ productVersions: 'senaste' }, 'BAD_USER_INPUT', 'input.productVersions'],
      [{ systemVersions: '' }, 'BAD_USER_INPUT', 'input.systemVersions'],
      [{ systemVersions: '>=8 <7' }, 'BAD_USER_INPUT', 'input.systemVersions'],
      [{ status: 'PARTIAL' }, 'BAD_USER_INPUT', 'input.note'],
      [{ evidence: 'COUNTY_TESTED' }, 'BAD_USER_INPUT', 'input.testProtocolId'],
      [{ standardId: randomUUID() }, 'BAD_USER_INPUT', 'input.systemId'],
      [{ systemId: null }, 'BAD_USER_INPUT', 'input.systemId'],
      [{ productId: randomUUID() }, 'NOT_FOUND', 'input.productId'],
      [{ systemId: randomUUID() }, 'NOT_FOUND', 'input.systemId'],
      [{ productId: 'not-an-id' }, 'BAD_USER_INPUT', 'input.productId'],
    ];
    for (const [override, code, name] of cases) {
      const response = await api.gql(
        ASSERT,
        {
          i: {
            productId: p.A,
            productVersions: '*',
            systemId: x,
            status: 'SUPPORTED',
            evidence: 'VENDOR_CLAIMED',
            ...override,
          },
        },
        { token: staff.token },
      );
      expect([JSON.stringify(override), errorCode(response), field(response)]).toEqual([
        JSON.stringify(override),
        code,
        name,
      ]);
    }
    const range = await api.gql(
      ASSERT,
      {
        i: { productId: p.A, productVersions: '>=3 <2', systemId: x, status: 'SUPPORTED', evidence: 'VENDOR_CLAIMED' },
      },
      { token: staff.token, headers: { 'accept-language': 'en' } },
    );
    expect(range.errors?.[0]?.message).toContain('>=3 <2');
    expect(errorCode(await api.gql(MATRIX, { c: 'TELEPORTER' }, { token: coach.token }))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(COMPATIBLE, { o: randomUUID(), c: 'SAFETY_ALARM' }, { token: coach.token }))).toBe(
      'NOT_FOUND',
    );
    expect(
      errorCode(
        await api.gql(`query($id: ID!) { system(id: $id) { id } }`, { id: randomUUID() }, { token: coach.token }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('lets only node staff edit the catalogue, and only its own coordinator or node staff edit a landscape', async () => {
    expect(
      errorCode(
        await api.gql(
          `mutation($i: CreateSystemInput!) { createSystem(input: $i) { id } }`,
          { i: { kind: 'PLANNING', name: 'P', vendorName: 'V' } },
          { token: coach.token },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await api.gql(
          ASSERT,
          { i: { productId: p.A, productVersions: '*', systemId: x, status: 'SUPPORTED', evidence: 'VENDOR_CLAIMED' } },
          { token: coach.token },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await api.gql(
          ASSERT,
          { i: { productId: p.A, productVersions: '*', systemId: x, status: 'SUPPORTED', evidence: 'VENDOR_CLAIMED' } },
          { token: vingakerCoordinator.token },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await setOrganizationSystem(api, flenCoordinator, vingakerCoordinator.organizationId, x, '5')),
    ).toBe('FORBIDDEN');
    expect(errorCode(await setOrganizationSystem(api, coach, vingakerCoordinator.organizationId, x, '5'))).toBe(
      'FORBIDDEN',
    );
    const remove = `mutation($i: RemoveOrganizationSystemInput!) { removeOrganizationSystem(input: $i) { id } }`;
    expect(
      errorCode(
        await api.gql(
          remove,
          { i: { organizationId: vingakerCoordinator.organizationId, systemId: x } },
          { token: flenCoordinator.token },
        ),
      ),
    ).toBe('FORBIDDEN');

    const flenSystem = await createSystem(api, staff, 'PLANNING', 'Planering', ['3']);
    expect(
      (await setOrganizationSystem(api, flenCoordinator, flenCoordinator.organizationId, flenSystem, '3')).errors,
    ).toBeUndefined();
    const changed = await setOrganizationSystem(
      api,
      flenCoordinator,
      flenCoordinator.organizationId,
      flenSystem,
      '3.1',
    );
    expect(changed.data?.setOrganizationSystem.version).toBe('3.1');
    expect(
      (
        await api.gql(
          remove,
          { i: { organizationId: flenCoordinator.organizationId, systemId: flenSystem } },
          { token: flenCoordinator.token },
        )
      ).errors,
    ).toBeUndefined();
    expect(
      errorCode(
        await api.gql(
          remove,
          { i: { organizationId: flenCoordinator.organizationId, systemId: flenSystem } },
          { token: flenCoordinator.token },
        ),
      ),
    ).toBe('NOT_FOUND');
    const badVersion = await setOrganizationSystem(
      api,
      flenCoordinator,
      flenCoordinator.organizationId,
      flenSystem,
      'v tre',
    );
    expect(field(badVersion)).toBe('input.version');
  });

  it('costs the same number of SQL statements for a small and a larger matrix', async () => {
    const small = await api.gql(MATRIX, { c: 'MEDICATION_DISPENSER', k: 'KEY_MANAGEMENT' }, { token: coach.token });
    expect(small.errors).toBeUndefined();

    // Bulk data straight into the tables: what matters is the size, not how it got there.
    const db = api.app.get(Db);
    const supplier = await createSupplier(api, staff, 'Bulk');
    const [{ id: kindId }] = await db.manager.query(`SELECT id FROM system_kinds WHERE key = 'KEY_MANAGEMENT'`);
    const [{ id: categoryId }] = await db.manager.query(
      `SELECT id FROM technology_categories WHERE key = 'MEDICATION_DISPENSER'`,
    );
    const products: { id: string }[] = await db.manager.query(
      `INSERT INTO products (category_id, supplier_id, name, current_version, created_at, updated_at)
       SELECT $1, $2, 'Dosett ' || g, '1.' || (g % 3), now(), now() FROM generate_series(1, 30) g RETURNING id`,
      [categoryId, supplier],
    );
    const systems: { id: string }[] = await db.manager.query(
      `INSERT INTO systems (kind_id, vendor_name, name, current_version, created_at, updated_at)
       SELECT $1, 'Nyckelleverantör', 'Nyckelsystem ' || g || ' ' || $2, (g % 4 + 1)::text, now(), now() FROM generate_series(1, 8) g RETURNING id`,
      [kindId, randomUUID()],
    );
    await db.manager.query(
      `INSERT INTO compatibility_statements (product_id, product_versions, system_id, system_versions, status, evidence, asserted_at)
       SELECT p, '>=1.1', s, '*', 'SUPPORTED', 'VENDOR_CLAIMED', now() FROM unnest($1::uuid[]) p, unnest($2::uuid[]) s`,
      [products.map((r) => r.id), systems.map((r) => r.id)],
    );
    // The first matrix to meet a range with a version answers and records it (version_range_matches): two more
    // statements, once; from then on the cells cost one statement whatever their number.
    const first = await api.gql(MATRIX, { c: 'MEDICATION_DISPENSER', k: 'KEY_MANAGEMENT' }, { token: coach.token });
    expect(first.errors).toBeUndefined();
    expect(first.sqlStatements).toBeLessThanOrEqual(small.sqlStatements + 2);
    const large = await api.gql(MATRIX, { c: 'MEDICATION_DISPENSER', k: 'KEY_MANAGEMENT' }, { token: coach.token });
    expect(large.errors).toBeUndefined();
    expect(large.data?.compatibilityMatrix).toEqual(first.data?.compatibilityMatrix);
    expect(large.data?.compatibilityMatrix.products.length).toBeGreaterThanOrEqual(30);
    expect(large.data?.compatibilityMatrix.cells.length).toBe(20 * 8);
    expect(large.sqlStatements).toBe(small.sqlStatements);
    expect(large.sqlStatements).toBeLessThanOrEqual(6);
  });
});
