import type { EntityManager } from 'typeorm';
import type { CompatibilityStatus, EvidenceLevel } from './compatibility-enums.js';
import type { MatrixGridCell, MatrixProduct, MatrixSystem } from './dto/compatibility-results.types.js';

/** How `version_range_matches` writes an unknown version (no current version): '' is never a valid version. */
export const UNKNOWN_VERSION = '';

/** The category's products, by name, as the matrix lists them. */
export function matrixProducts(manager: EntityManager, categoryId: string): Promise<MatrixProduct[]> {
  return manager.query<MatrixProduct[]>(
    `SELECT p.id, p.name, p.model, s.name AS "supplierName", p.current_version AS "currentVersion"
       FROM products p JOIN suppliers s ON s.id = p.supplier_id
      WHERE p.category_id = $1 ORDER BY lower(p.name), p.id`,
    [categoryId],
  );
}

/** The systems (of a kind, or all), by kind and name, as the matrix lists them. */
export function matrixSystems(manager: EntityManager, kindId: string | null): Promise<MatrixSystem[]> {
  return manager.query<MatrixSystem[]>(
    `SELECT s.id, s.name, s.vendor_name AS "vendorName", k.key AS "kindKey", s.current_version AS "currentVersion"
       FROM systems s JOIN system_kinds k ON k.id = s.kind_id
      WHERE $1::uuid IS NULL OR s.kind_id = $1 ORDER BY k.sort_order, lower(s.name), s.id`,
    [kindId],
  );
}

/**
 * A cell's deciding statement, as the tuple Postgres builds (a matrix has thousands of cells: one JSON value parsed
 * natively costs a fraction of as many rows parsed column by column). The instant is in epoch milliseconds.
 */
export type DecidedCell = [
  id: string,
  productId: string,
  productVersions: string,
  systemId: string,
  systemVersions: string,
  status: CompatibilityStatus,
  evidence: EvidenceLevel,
  note: string | null,
  assertedAt: number,
  originNodeId: string | null,
  originName: string | null,
];

/** A range the cells need answered for a version that `version_range_matches` does not hold yet. */
export interface UnansweredRange {
  range: string;
  version: string;
}

/**
 * Every cell of the matrix decided in one statement: of a pair's current statements, local first, then newest
 * first, the first whose product range holds for the product's current version and whose system range holds for
 * the system's current version (another county's statement only fills a pair where no local one holds). Ranges are
 * answered by `version_range_matches`; the ranges it lacks come back instead (then the caller records them and asks
 * again), so a cell is never decided without every answer it depends on.
 */
export async function decideMatrixCells(
  manager: EntityManager,
  categoryId: string,
  kindId: string | null,
): Promise<{ cells: DecidedCell[]; unanswered: UnansweredRange[] }> {
  const [row] = await manager.query<{ cells: DecidedCell[]; unanswered: [string, string][] }[]>(
    `${DECIDED_CELLS}
     SELECT (SELECT coalesce(json_agg(json_build_array(id, product_id, product_versions, system_id, system_versions,
                       status, evidence, note, (extract(epoch FROM asserted_at) * 1000)::float8, origin_node_id,
                       origin_name) ORDER BY product_id, system_id), '[]') FROM decided) AS cells,
            ${UNANSWERED} AS unanswered`,
    [categoryId, kindId],
  );
  return { cells: row.cells, unanswered: unansweredOf(row.unanswered) };
}

/**
 * The same decision as `decideMatrixCells`, encoded as the grid's index tuples by Postgres itself (the products' and
 * systems' positions as `matrixProducts` and `matrixSystems` order them; statuses and evidence levels as positions
 * in the lists given): the api passes them on without touching a cell.
 */
export async function decideMatrixGrid(
  manager: EntityManager,
  categoryId: string,
  kindId: string | null,
  statuses: readonly CompatibilityStatus[],
  evidenceLevels: readonly EvidenceLevel[],
): Promise<{ cells: MatrixGridCell[]; unanswered: UnansweredRange[] }> {
  const [row] = await manager.query<{ cells: MatrixGridCell[]; unanswered: [string, string][] }[]>(
    `${DECIDED_CELLS},
     product_index AS (
       SELECT p.id, row_number() OVER (ORDER BY lower(p.name), p.id) - 1 AS i FROM products p WHERE p.category_id = $1),
     system_index AS (
       SELECT s.id, row_number() OVER (ORDER BY k.sort_order, lower(s.name), s.id) - 1 AS i
         FROM systems s JOIN system_kinds k ON k.id = s.kind_id WHERE $2::uuid IS NULL OR s.kind_id = $2)
     SELECT (SELECT coalesce(json_agg(json_build_array(pi.i, si.i, array_position($3::text[], d.status) - 1,
                       array_position($4::text[], d.evidence) - 1, d.id, d.note, d.origin_name)
                       ORDER BY d.product_id, d.system_id), '[]')
               FROM decided d JOIN product_index pi ON pi.id = d.product_id JOIN system_index si ON si.id = d.system_id) AS cells,
            ${UNANSWERED} AS unanswered`,
    [categoryId, kindId, statuses, evidenceLevels],
  );
  return { cells: row.cells, unanswered: unansweredOf(row.unanswered) };
}

/** The current statements of the matrix's pairs with their range answers, and each pair's deciding one. */
const DECIDED_CELLS = `WITH candidates AS (
       SELECT cs.id, cs.product_id, cs.product_versions, cs.system_id, cs.system_versions, cs.status, cs.evidence, cs.note,
              cs.asserted_at, cs.origin_node_id, cs.origin_name,
              coalesce(p.current_version, '') AS product_version, coalesce(s.current_version, '') AS system_version,
              pm.satisfied AS product_holds, sm.satisfied AS system_holds
         FROM compatibility_statements cs
         JOIN products p ON p.id = cs.product_id
         JOIN systems s ON s.id = cs.system_id
         LEFT JOIN version_range_matches pm ON pm.range = cs.product_versions AND pm.version = coalesce(p.current_version, '')
         LEFT JOIN version_range_matches sm ON sm.range = cs.system_versions AND sm.version = coalesce(s.current_version, '')
        WHERE p.category_id = $1 AND cs.superseded_at IS NULL AND ($2::uuid IS NULL OR s.kind_id = $2)),
     decided AS (
       SELECT DISTINCT ON (product_id, system_id) *
         FROM candidates WHERE product_holds AND system_holds
        ORDER BY product_id, system_id, origin_node_id IS NOT NULL, asserted_at DESC, id)`;

/** The (range, version) pairs the candidates need that `version_range_matches` lacks. */
const UNANSWERED = `(SELECT coalesce(json_agg(json_build_array(range, version)), '[]') FROM (
       SELECT product_versions AS range, product_version AS version FROM candidates WHERE product_holds IS NULL
       UNION SELECT system_versions, system_version FROM candidates WHERE system_holds IS NULL) missing)`;

const unansweredOf = (pairs: [string, string][]): UnansweredRange[] =>
  pairs.map(([range, version]) => ({ range, version }));

/** Records range answers (concurrent requests may record the same: the first one stays, and they agree). */
export async function recordRangeAnswers(
  manager: EntityManager,
  answers: readonly (UnansweredRange & { satisfied: boolean })[],
): Promise<void> {
  await manager.query(
    `INSERT INTO version_range_matches (range, version, satisfied)
     SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[]) ON CONFLICT DO NOTHING`,
    [answers.map((a) => a.range), answers.map((a) => a.version), answers.map((a) => a.satisfied)],
  );
}
