import { describe, expect, it } from '@jest/globals';
import { CompatibilityStatus, EvidenceLevel } from './compatibility-enums.js';
import { indexByPair, pairKey, statementFor, type StatementLike, weakestEvidence } from './statement-lookup.js';
import { RangeCache } from './version-range.js';

function statement(
  id: string,
  productVersions: string,
  systemVersions: string | null,
  status: CompatibilityStatus,
  minute = 0,
): StatementLike {
  return {
    id,
    productId: 'p',
    productVersions,
    systemId: 's',
    systemVersions,
    status,
    evidence: EvidenceLevel.VENDOR_CLAIMED,
    assertedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
  };
}

describe('statementFor', () => {
  const statements = [
    statement('a', '>=2 <3', '7.x', CompatibilityStatus.SUPPORTED),
    statement('b', '>=2 <3', '8.x', CompatibilityStatus.NOT_SUPPORTED),
  ];

  it('finds the statement whose product and system ranges both hold', () => {
    expect(statementFor(statements, '2.1', '7.4', new RangeCache())?.id).toBe('a');
    expect(statementFor(statements, '2.1', '8', new RangeCache())?.id).toBe('b');
  });

  it('finds none outside the ranges, for an unknown version, or without candidates', () => {
    expect(statementFor(statements, '3.0', '7', new RangeCache())).toBeNull();
    expect(statementFor(statements, null, '7', new RangeCache())).toBeNull();
    expect(statementFor(undefined, '2.1', '7', new RangeCache())).toBeNull();
  });

  it('prefers the newest when two current statements overlap, and ignores the system side for standards', () => {
    const overlapping = [
      statement('old', '*', '*', CompatibilityStatus.SUPPORTED, 1),
      statement('new', '2.x', '*', CompatibilityStatus.PARTIAL, 2),
    ];
    expect(statementFor(overlapping, '2.1', '7', new RangeCache())?.id).toBe('new');
    expect(
      statementFor([statement('std', '*', null, CompatibilityStatus.SUPPORTED)], '1', null, new RangeCache())?.id,
    ).toBe('std');
  });
});

describe('indexByPair and weakestEvidence', () => {
  it('groups by product and system', () => {
    const index = indexByPair([
      statement('a', '*', '*', CompatibilityStatus.SUPPORTED),
      statement('b', '*', '*', CompatibilityStatus.SUPPORTED),
    ]);
    expect(index.get(pairKey('p', 's'))?.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('takes the weakest level, and none when a check has no evidence', () => {
    expect(weakestEvidence([EvidenceLevel.VERIFIED_IN_PRODUCTION, EvidenceLevel.VENDOR_CLAIMED])).toBe(
      EvidenceLevel.VENDOR_CLAIMED,
    );
    expect(weakestEvidence([EvidenceLevel.VERIFIED_IN_PRODUCTION])).toBe(EvidenceLevel.VERIFIED_IN_PRODUCTION);
    expect(weakestEvidence([EvidenceLevel.COUNTY_TESTED, null])).toBeNull();
    expect(weakestEvidence([])).toBeNull();
  });
});
