import type { EntityManager } from 'typeorm';

// The SQL of joint procurements: link rows, participants, agreement dates for the daily scan, awarded suppliers
// and call-off totals. Typed camelCase rows, values as parameters; dates as `YYYY-MM-DD` text.

/** Who takes part in a procurement: the organisation and, if recorded, who joined for it. */
export function participantsOf(
  tx: EntityManager,
  procurementId: string,
): Promise<{ organizationId: string; joinedByUserId: string | null }[]> {
  return tx.query<{ organizationId: string; joinedByUserId: string | null }[]>(
    `SELECT organization_id AS "organizationId", joined_by_user_id AS "joinedByUserId" FROM procurement_participations WHERE procurement_id = $1`,
    [procurementId],
  );
}

/** The participating organisations (without who joined for them). */
export async function participantOrganizationIds(tx: EntityManager, procurementId: string): Promise<string[]> {
  const rows = await tx.query<{ organizationId: string }[]>(
    `SELECT organization_id AS "organizationId" FROM procurement_participations WHERE procurement_id = $1`,
    [procurementId],
  );
  return rows.map((r) => r.organizationId);
}

/** Those of the users who are active. */
export async function activeUserIds(tx: EntityManager, userIds: string[]): Promise<string[]> {
  const rows = await tx.query<{ id: string }[]>(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active`, [
    userIds,
  ]);
  return rows.map((r) => r.id);
}

/** The needs a procurement answers (its own links). */
export async function procurementNeedIds(tx: EntityManager, procurementId: string): Promise<string[]> {
  const rows = await tx.query<{ needId: string }[]>(
    `SELECT need_id AS "needId" FROM procurement_needs WHERE procurement_id = $1`,
    [procurementId],
  );
  return rows.map((r) => r.needId);
}

/** The needs a procurement answers, ordered by id. */
export async function procurementNeedIdsOrdered(tx: EntityManager, procurementId: string): Promise<string[]> {
  const rows = await tx.query<{ needId: string }[]>(
    `SELECT need_id AS "needId" FROM procurement_needs WHERE procurement_id = $1 ORDER BY need_id`,
    [procurementId],
  );
  return rows.map((r) => r.needId);
}

/** The needs a procurement answers: its own links and those of the test decisions it builds on. */
export async function procurementAnsweredNeedIds(tx: EntityManager, procurementId: string): Promise<string[]> {
  const rows = await tx.query<{ needId: string }[]>(
    `SELECT need_id AS "needId" FROM procurement_needs WHERE procurement_id = $1
     UNION SELECT tpn.need_id FROM procurement_test_decisions ptd JOIN test_decisions d ON d.id = ptd.test_decision_id
       JOIN test_protocol_needs tpn ON tpn.protocol_id = d.protocol_id WHERE ptd.procurement_id = $1`,
    [procurementId],
  );
  return rows.map((r) => r.needId);
}

/** The next requirement specification version number of a procurement. */
export async function nextSpecificationVersion(tx: EntityManager, procurementId: string): Promise<number> {
  const [{ next }] = await tx.query<{ next: number }[]>(
    `SELECT coalesce(max(version), 0) + 1 AS next FROM requirement_specification_versions WHERE procurement_id = $1`,
    [procurementId],
  );
  return Number(next);
}

/** Replaces the needs a procurement links to. */
export async function replaceProcurementNeeds(
  tx: EntityManager,
  procurementId: string,
  needIds: readonly string[],
): Promise<void> {
  await tx.query(`DELETE FROM procurement_needs WHERE procurement_id = $1`, [procurementId]);
  if (needIds.length)
    await tx.query(`INSERT INTO procurement_needs (procurement_id, need_id) SELECT $1, unnest($2::uuid[])`, [
      procurementId,
      [...needIds],
    ]);
}

/** Replaces the test decisions a procurement builds on. */
export async function replaceProcurementTestDecisions(
  tx: EntityManager,
  procurementId: string,
  testDecisionIds: readonly string[],
): Promise<void> {
  await tx.query(`DELETE FROM procurement_test_decisions WHERE procurement_id = $1`, [procurementId]);
  if (testDecisionIds.length)
    await tx.query(
      `INSERT INTO procurement_test_decisions (procurement_id, test_decision_id) SELECT $1, unnest($2::uuid[])`,
      [procurementId, [...testDecisionIds]],
    );
}

// The daily scan.

/** Procurements in a status whose agreement starts on or before the day. */
export async function procurementIdsStartedBy(tx: EntityManager, status: string, day: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }[]>(
    `SELECT p.id FROM procurements p JOIN framework_agreements a ON a.procurement_id = p.id WHERE p.status = $1 AND a.starts_on <= $2::date`,
    [status, day],
  );
  return rows.map((r) => r.id);
}

/** Procurements in a status whose agreement ended before the day. */
export function procurementsEndedBefore(
  tx: EntityManager,
  status: string,
  day: string,
): Promise<{ id: string; endsOn: string }[]> {
  return tx.query<{ id: string; endsOn: string }[]>(
    `SELECT p.id, a.ends_on::text AS "endsOn" FROM procurements p JOIN framework_agreements a ON a.procurement_id = p.id
     WHERE p.status = $1 AND a.ends_on < $2::date`,
    [status, day],
  );
}

/** The first and last day of a procurement's agreement, if it has one. */
export async function agreementPeriod(
  tx: EntityManager,
  procurementId: string,
): Promise<{ startsOn: string; endsOn: string } | undefined> {
  const [row] = await tx.query<{ startsOn: string; endsOn: string }[]>(
    `SELECT starts_on::text AS "startsOn", ends_on::text AS "endsOn" FROM framework_agreements WHERE procurement_id = $1`,
    [procurementId],
  );
  return row;
}

export interface EndingAgreementRow {
  agreementId: string;
  procurementId: string;
  title: string;
  endsOn: string;
}

/** Agreements of procurements in the statuses that end between two days. */
export function agreementsEndingBetween(
  tx: EntityManager,
  statuses: string[],
  from: string,
  to: string,
): Promise<EndingAgreementRow[]> {
  return tx.query<EndingAgreementRow[]>(
    `SELECT a.id AS "agreementId", p.id AS "procurementId", p.title, a.ends_on::text AS "endsOn"
       FROM framework_agreements a JOIN procurements p ON p.id = a.procurement_id
      WHERE p.status = ANY($1::text[]) AND a.ends_on BETWEEN $2::date AND $3::date`,
    [statuses, from, to],
  );
}

/** Procurements in a status, open since the day, whose participation window closes between the two days. */
export function windowsClosingBetween(
  tx: EntityManager,
  status: string,
  from: string,
  to: string,
): Promise<{ id: string; title: string; closesOn: string }[]> {
  return tx.query<{ id: string; title: string; closesOn: string }[]>(
    `SELECT id, title, participation_closes_on::text AS "closesOn" FROM procurements
     WHERE status = $1 AND participation_closes_on BETWEEN $2::date AND $3::date AND participation_opens_on <= $2::date`,
    [status, from, to],
  );
}

/** Organisations of the kinds that have not joined the procurement. */
export async function organizationsNotJoined(
  tx: EntityManager,
  kinds: string[],
  procurementId: string,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }[]>(
    `SELECT o.id FROM organizations o WHERE o.kind = ANY($1::text[])
     AND NOT EXISTS (SELECT 1 FROM procurement_participations pp WHERE pp.procurement_id = $2 AND pp.organization_id = o.id)`,
    [kinds, procurementId],
  );
  return rows.map((r) => r.id);
}

// Agreements and call-offs.

/** The suppliers awarded the lot of an agreement with this product. */
export async function awardedSupplierIds(
  tx: EntityManager,
  agreementId: string,
  lotId: string,
  productId: string,
): Promise<string[]> {
  const rows = await tx.query<{ supplierId: string }[]>(
    `SELECT s.supplier_id AS "supplierId" FROM awarded_suppliers s
     JOIN awarded_products p ON p.awarded_supplier_id = s.id
     WHERE s.agreement_id = $1 AND s.lot_id = $2 AND p.product_id = $3`,
    [agreementId, lotId, productId],
  );
  return rows.map((r) => r.supplierId);
}

/** Whether any supplier was awarded the lot of the agreement. */
export async function lotAwarded(tx: EntityManager, agreementId: string, lotId: string): Promise<boolean> {
  const rows = await tx.query<unknown[]>(
    `SELECT 1 FROM awarded_suppliers WHERE agreement_id = $1 AND lot_id = $2 LIMIT 1`,
    [agreementId, lotId],
  );
  return rows.length > 0;
}

/** Numeric sums come back from pg as text. */
export interface CallOffTotalsRow {
  agreementId: string;
  count: string;
  quantity: string;
  valueSek: string;
}

/** Call-off count, quantity and value per agreement, for many agreements in one statement. */
export function callOffTotals(tx: EntityManager, agreementIds: string[]): Promise<CallOffTotalsRow[]> {
  return tx.query<CallOffTotalsRow[]>(
    `SELECT agreement_id AS "agreementId", count(*) AS count, coalesce(sum(quantity), 0) AS quantity, coalesce(sum(value_sek), 0) AS "valueSek"
     FROM call_offs WHERE agreement_id = ANY($1::uuid[]) GROUP BY agreement_id`,
    [agreementIds],
  );
}
