import { registerEnumType } from '@nestjs/graphql';

export enum CompatibilityStatus {
  SUPPORTED = 'SUPPORTED',
  PARTIAL = 'PARTIAL',
  NOT_SUPPORTED = 'NOT_SUPPORTED',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(CompatibilityStatus, {
  name: 'CompatibilityStatus',
  valuesMap: {
    SUPPORTED: { description: 'Fungerar' },
    PARTIAL: { description: 'Fungerar delvis (se anteckningen)' },
    NOT_SUPPORTED: { description: 'Fungerar inte' },
    UNKNOWN: { description: 'Okänt' },
  },
});

/** Weakest to strongest: a vendor's claim, a test in the county (a test protocol), use in production (a follow-up). */
export enum EvidenceLevel {
  VENDOR_CLAIMED = 'VENDOR_CLAIMED',
  COUNTY_TESTED = 'COUNTY_TESTED',
  VERIFIED_IN_PRODUCTION = 'VERIFIED_IN_PRODUCTION',
}

registerEnumType(EvidenceLevel, {
  name: 'EvidenceLevel',
  valuesMap: {
    VENDOR_CLAIMED: { description: 'Leverantörens uppgift' },
    COUNTY_TESTED: { description: 'Testat i länet (testprotokoll)' },
    VERIFIED_IN_PRODUCTION: { description: 'Verifierat i drift (uppföljning)' },
  },
});

export const EVIDENCE_RANK: Record<EvidenceLevel, number> = {
  VENDOR_CLAIMED: 1,
  COUNTY_TESTED: 2,
  VERIFIED_IN_PRODUCTION: 3,
};

/** Which side of a protocol a product implements (SCAIP: the alarm device sends, the receiving centre receives). */
export enum ConformanceRole {
  SENDER = 'SENDER',
  RECEIVER = 'RECEIVER',
  BOTH = 'BOTH',
}

registerEnumType(ConformanceRole, { name: 'ConformanceRole' });
