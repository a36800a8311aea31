import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, Role } from '#core';
import { RangeCache } from './version-range.js';
import { createTestApi, type TestApi } from '../../../../test/support/test-api.js';
import { createUser, type TestUser } from '../../../../test/support/builders.js';
import {
  assertCompatibility,
  createProduct,
  createSystem,
  type StatementInput,
} from '../../../../test/support/catalog-builders.js';

interface OracleRow {
  id: string;
  productId: string;
  productVersions: string;
  systemId: string;
  systemVersions: string;
}

/**
 * The matrix's cells as they were decided before the SQL decision (per request, in JavaScript): the current
 * statements local first, then newest first within each pair, the first whose ranges hold for the product's and the
 * system's current versions. Kept here as the reference the SQL decision must equal.
 */
async function cellsDecidedInJavaScript(db: Db, category: string, kind: string | null): Promise<string[]> {
  const [{ categoryId }] = await db.manager.query<{ categoryId: string }[]>(
    `SELECT id AS "categoryId" FROM technology_categories WHERE key = $1`,
    [category],
  );
  const kindRows = await db.manager.query<{ kindId: string }[]>(
    `SELECT id AS "kindId" FROM system_kinds WHERE key = $1`,
    [kind],
  );
  const kindId = kindRows[0]?.kindId ?? null;
  const products = await db.manager.query<{ id: string; currentVersion: string | null }[]>(
    `SELECT id, current_version AS "currentVersion" FROM products WHERE category_id = $1`,
    [categoryId],
  );
  const systems = await db.manager.query<{ id: string; currentVersion: string | null }[]>(
    `SELECT id, current_version AS "currentVersion" FROM systems WHERE $1::uuid IS NULL OR kind_id = $1`,
    [kindId],
  );
  const statements = await db.manager.query<OracleRow[]>(
    `SELECT cs.id, cs.product_id AS "productId", cs.product_versions AS "productVersions", cs.system_id AS "systemId",
            cs.system_versions AS "systemVersions"
       FROM compatibility_statements cs
       JOIN products p ON p.id = cs.product_id
       JOIN systems s ON s.id = cs.system_id
      WHERE p.category_id = $1 AND cs.superseded_at IS NULL AND ($2::uuid IS NULL OR s.kind_id = $2)
      ORDER BY cs.product_id, cs.system_id, cs.origin_node_id IS NOT NULL, cs.asserted_at DESC, cs.id`,
    [categoryId, kindId],
  );
  const productVersion = new Map(products.map((p) => [p.id, p.currentVersion]));
  const systemVersion = new Map(systems.map((s) => [s.id, s.currentVersion]));
  const ranges = new RangeCache();
  const decided: string[] = [];
  let decidedProduct = '';
  let decidedSystem = '';
  for (const row of statements) {
    if (row.productId === decidedProduct && row.systemId === decidedSystem) continue;
    if (!ranges.satisfies(row.productVersions, productVersion.get(row.productId) ?? null)) continue;
    if (!ranges.satisfies(row.systemVersions, systemVersion.get(row.systemId) ?? null)) continue;
    decidedProduct = row.productId;
    decidedSystem = row.systemId;
    decided.push(`${row.productId} ${row.systemId} ${row.id}`);
  }
  return decided;
}

const MATRIX = `query($c: String!, $k: String) { compatibilityMatrix(category: $c, systemKind: $k) {
  unknownCellCount products { id } systems { id }
  cells { productId systemId statementId status evidence note originNodeId originName productVersions systemVersions assertedAt }
  grid { statuses evidenceLevels cells } } }`;
/** What the web app's grid page asks: Postgres builds the grid itself. */
const GRID = `query($c: String!, $k: String) { compatibilityMatrix(category: $c, systemKind: $k) {
  unknownCellCount grid { statuses evidenceLevels cells } } }`;

/** The matrix's cells decided in SQL equal the JavaScript decision they replaced, on a varied catalogue. */
describe('compatibility matrix cells decided in SQL', () => {
  let api: TestApi;
  let db: Db;
  let staff: TestUser;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(Db);
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    const statement = (input: StatementInput) => assertCompatibility(api, staff, input);
    /** Another county's statement, as federation stores it. */
    const federated = (
      productId: string,
      productVersions: string,
      systemId: string,
      systemVersions: string,
      status: string,
      evidence: string,
      hoursAgo: number,
      superseded = false,
    ) =>
      db.manager.query(
        `INSERT INTO compatibility_statements (product_id, product_versions, system_id, system_versions, status, evidence,
           note, asserted_at, origin_node_id, origin_name, superseded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now() - make_interval(hours => $8), 'uppsala', 'Region Uppsala', $9)`,
        [
          productId,
          productVersions,
          systemId,
          systemVersions,
          status,
          evidence,
          status === 'PARTIAL' ? 'Delvis' : null,
          hoursAgo,
          superseded ? new Date() : null,
        ],
      );

    const a = await createProduct(api, staff, 'SAFETY_ALARM', 'Orakel A', ['1.0', '2.0']);
    const b = await createProduct(api, staff, 'SAFETY_ALARM', 'Orakel B', ['3']);
    const c = await createProduct(api, staff, 'SAFETY_ALARM', 'Orakel C', []);
    const d = await createProduct(api, staff, 'SAFETY_ALARM', 'Orakel D', ['2.4.1']);
    const x = await createSystem(api, staff, 'ALARM_RECEIVER', 'Orakel X', ['5.0', '6.1']);
    const y = await createSystem(api, staff, 'ALARM_RECEIVER', 'Orakel Y', ['1.2']);
    await createSystem(api, staff, 'ALARM_RECEIVER', 'Orakel Z (inga utsagor)', ['1']);
    const w = await createSystem(api, staff, 'CARE_DOCUMENTATION', 'Orakel W', []);

    // Superseded by a later local statement about an overlapping range.
    await statement({ productId: a, systemId: x, systemVersions: '>=5', status: 'SUPPORTED' });
    await statement({
      productId: a,
      productVersions: '>=2',
      systemId: x,
      systemVersions: '>=6',
      status: 'PARTIAL',
      note: 'Larmhistorik saknas',
      evidence: 'VERIFIED_IN_PRODUCTION',
    });
    // A local statement wins over a newer federated one; a superseded federated one never counts.
    await statement({ productId: a, systemId: y, systemVersions: '1.x', status: 'NOT_SUPPORTED' });
    await federated(a, '*', y, '*', 'SUPPORTED', 'COUNTY_TESTED', 0);
    await federated(a, '*', y, '*', 'SUPPORTED', 'VERIFIED_IN_PRODUCTION', 0, true);
    // Only federated: the newest that holds fills the pair.
    await federated(b, '*', x, '*', 'PARTIAL', 'COUNTY_TESTED', 5);
    await federated(b, '*', x, '<6', 'NOT_SUPPORTED', 'VENDOR_CLAIMED', 1);
    await federated(b, '>=3', x, '6.x', 'SUPPORTED', 'VENDOR_CLAIMED', 3);
    // A local statement that does not hold for the current version leaves the pair to a federated one.
    await statement({ productId: b, productVersions: '<3', systemId: y, systemVersions: '*', status: 'SUPPORTED' });
    await federated(b, '^3.0.0', y, '>=1.2.0 <2', 'NOT_SUPPORTED', 'VENDOR_CLAIMED', 2);
    // No current version: only `*` covers it.
    await statement({ productId: c, systemId: x, systemVersions: '*', status: 'SUPPORTED' });
    await statement({
      productId: c,
      productVersions: '>=1',
      systemId: y,
      systemVersions: '*',
      status: 'NOT_SUPPORTED',
    });
    await statement({ productId: c, systemId: w, systemVersions: '*', status: 'SUPPORTED' });
    await statement({ productId: d, systemId: w, systemVersions: '>=1', status: 'SUPPORTED' });
    // Tilde, caret, hyphen and union ranges.
    await statement({
      productId: d,
      productVersions: '~2.4',
      systemId: x,
      systemVersions: '5.0 - 6.0 || >=6.1',
      status: 'SUPPORTED',
      evidence: 'VERIFIED_IN_PRODUCTION',
    });
    await statement({ productId: d, productVersions: '^2.5', systemId: y, systemVersions: '*', status: 'SUPPORTED' });
  });
  afterAll(() => api.close());

  const matrixOf = async (category: string, kind: string | null) => {
    const response = await api.gql(MATRIX, { c: category, k: kind }, { token: staff.token });
    expect(response.errors).toBeUndefined();
    return { matrix: response.data!.compatibilityMatrix, statements: response.sqlStatements };
  };

  it('decides every cell as the JavaScript decision did, for every category and kind, before and after a version changes', async () => {
    const kinds = [null, 'ALARM_RECEIVER', 'CARE_DOCUMENTATION'];
    const categories = ['SAFETY_ALARM', 'GPS_ALARM', 'MEDICATION_DISPENSER'];
    const compare = async () => {
      let cells = 0;
      for (const category of categories)
        for (const kind of kinds) {
          const { matrix } = await matrixOf(category, kind);
          const decided = matrix.cells.map(
            (c: { productId: string; systemId: string; statementId: string }) =>
              `${c.productId} ${c.systemId} ${c.statementId}`,
          );
          expect(decided).toEqual(await cellsDecidedInJavaScript(db, category, kind));
          expect(matrix.unknownCellCount).toBe(matrix.products.length * matrix.systems.length - decided.length);
          expect(matrix.grid.cells).toHaveLength(decided.length);
          const gridOnly = await api.gql(GRID, { c: category, k: kind }, { token: staff.token });
          expect(gridOnly.data!.compatibilityMatrix).toEqual({
            unknownCellCount: matrix.unknownCellCount,
            grid: matrix.grid,
          });
          cells += decided.length;
        }
      return cells;
    };
    expect(await compare()).toBeGreaterThan(0);
    // New current versions: ranges met with versions never seen before.
    await db.manager.query(
      `UPDATE products SET current_version = CASE WHEN current_version IS NULL THEN '4.0.0' ELSE NULL END
        WHERE name LIKE 'Orakel%'`,
    );
    await db.manager.query(`UPDATE systems SET current_version = '6.0' WHERE name LIKE 'Orakel X%'`);
    await compare();
  });

  it('gives the deciding statement in each cell: local before federated, newest first, evidence and note kept', async () => {
    const { matrix } = await matrixOf('SAFETY_ALARM', 'ALARM_RECEIVER');
    const rows: { statementId: string; originNodeId: string | null; assertedAt: string }[] = matrix.cells;
    const stored = await db.manager.query<{ id: string; originNodeId: string | null; assertedAt: string }[]>(
      `SELECT id, origin_node_id AS "originNodeId", to_char(asserted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "assertedAt"
         FROM compatibility_statements WHERE id = ANY($1::uuid[])`,
      [rows.map((r) => r.statementId)],
    );
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const row of rows) {
      const { id: _id, ...expected } = byId.get(row.statementId)!;
      expect(row).toMatchObject(expected);
    }
    expect(rows.some((r) => r.originNodeId === 'uppsala')).toBe(true);
  });

  it('costs one statement for its cells once their ranges are known, whatever their number', async () => {
    const warm = await matrixOf('SAFETY_ALARM', 'ALARM_RECEIVER');
    const again = await matrixOf('SAFETY_ALARM', 'ALARM_RECEIVER');
    expect(again.matrix).toEqual(warm.matrix);
    await matrixOf('GPS_ALARM', 'CARE_DOCUMENTATION');
    const small = await matrixOf('GPS_ALARM', 'CARE_DOCUMENTATION');
    expect(again.matrix.cells.length).toBeGreaterThan(small.matrix.cells.length);
    expect(again.statements).toBe(small.statements);
  });
});
