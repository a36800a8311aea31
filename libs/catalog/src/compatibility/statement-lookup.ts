import { CompatibilityStatus, EVIDENCE_RANK, EvidenceLevel } from './compatibility-enums.js';
import type { RangeCache } from './version-range.js';

/** The columns a lookup needs; both entities and raw rows fit. */
export interface StatementLike {
  id: string;
  productId: string;
  productVersions: string;
  systemId: string | null;
  systemVersions: string | null;
  status: CompatibilityStatus;
  evidence: EvidenceLevel;
  assertedAt: Date;
  /** Null for this node's own statement; another county's node for a federated one. */
  originNodeId?: string | null;
}

/**
 * The current statement that holds for a product version with a system version. Superseding keeps the
 * current statements of a pair from overlapping, so at most one matches; the newest wins should two
 * ever do (e.g. written before a concurrent supersede). A local statement always wins over one shared by
 * another county's node (federation), which only fills a gap.
 */
export function statementFor<S extends StatementLike>(
  candidates: readonly S[] | undefined,
  productVersion: string | null,
  systemVersion: string | null,
  ranges: RangeCache,
): S | null {
  let found: S | null = null;
  for (const statement of candidates ?? []) {
    if (!ranges.satisfies(statement.productVersions, productVersion)) continue;
    if (statement.systemVersions !== null && !ranges.satisfies(statement.systemVersions, systemVersion)) continue;
    if (!found || rankOf(statement, found) > 0) found = statement;
  }
  return found;
}

function rankOf(candidate: StatementLike, held: StatementLike): number {
  const local = Number(!candidate.originNodeId) - Number(!held.originNodeId);
  if (local !== 0) return local;
  return candidate.assertedAt.getTime() - held.assertedAt.getTime();
}

/** Groups current statements by product and system: `key(productId, systemId)`. */
export function indexByPair<S extends StatementLike>(statements: readonly S[]): Map<string, S[]> {
  const index = new Map<string, S[]>();
  for (const statement of statements) {
    const key = pairKey(statement.productId, statement.systemId ?? '');
    const list = index.get(key);
    if (list) list.push(statement);
    else index.set(key, [statement]);
  }
  return index;
}

export function pairKey(productId: string, systemId: string): string {
  return `${productId}|${systemId}`;
}

/** The weakest evidence among checks (a chain is as strong as its weakest link); null when there are none. */
export function weakestEvidence(levels: readonly (EvidenceLevel | null)[]): EvidenceLevel | null {
  let weakest: EvidenceLevel | null = null;
  for (const level of levels) {
    if (level === null) return null;
    if (weakest === null || EVIDENCE_RANK[level] < EVIDENCE_RANK[weakest]) weakest = level;
  }
  return weakest;
}
