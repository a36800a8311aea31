import { registerEnumType } from '@nestjs/graphql';

export enum NeedStatus {
  NEW = 'NEW',
  TRIAGED = 'TRIAGED',
  IN_TEST = 'IN_TEST',
  IN_PROCUREMENT = 'IN_PROCUREMENT',
  ADDRESSED = 'ADDRESSED',
  DECLINED = 'DECLINED',
  MERGED = 'MERGED',
}
registerEnumType(NeedStatus, {
  name: 'NeedStatus',
  description: "Where a need is in the node's workflow.",
  valuesMap: {
    NEW: { description: 'Nytt: rapporterat, inte granskat av noden' },
    TRIAGED: { description: 'Granskat: synligt för alla medlemmar' },
    IN_TEST: { description: 'Testas' },
    IN_PROCUREMENT: { description: 'Upphandlas' },
    ADDRESSED: { description: 'Åtgärdat' },
    DECLINED: { description: 'Avslaget (med skäl)' },
    MERGED: { description: 'Sammanslaget med ett annat behov (se mergedInto)' },
  },
});

export enum NeedTargetGroup {
  CARE_RECIPIENTS_ORDINARY_HOUSING = 'CARE_RECIPIENTS_ORDINARY_HOUSING',
  CARE_RECIPIENTS_SPECIAL_HOUSING = 'CARE_RECIPIENTS_SPECIAL_HOUSING',
  STAFF = 'STAFF',
  RELATIVES = 'RELATIVES',
}
registerEnumType(NeedTargetGroup, {
  name: 'NeedTargetGroup',
  description: 'For whom the need exists.',
  valuesMap: {
    CARE_RECIPIENTS_ORDINARY_HOUSING: { description: 'Brukare i ordinärt boende' },
    CARE_RECIPIENTS_SPECIAL_HOUSING: { description: 'Brukare i särskilt boende' },
    STAFF: { description: 'Personal' },
    RELATIVES: { description: 'Anhöriga' },
  },
});

export enum NeedSource {
  STAFF = 'STAFF',
  CARE_RECIPIENT = 'CARE_RECIPIENT',
  RELATIVE = 'RELATIVE',
  PENSIONERS_COUNCIL = 'PENSIONERS_COUNCIL',
  MANAGEMENT = 'MANAGEMENT',
}
registerEnumType(NeedSource, {
  name: 'NeedSource',
  description: 'Who raised the need.',
  valuesMap: {
    STAFF: { description: 'Personal' },
    CARE_RECIPIENT: { description: 'Brukare' },
    RELATIVE: { description: 'Anhörig' },
    PENSIONERS_COUNCIL: { description: 'Pensionärsråd' },
    MANAGEMENT: { description: 'Ledning' },
  },
});

export enum NeedUrgency {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(NeedUrgency, { name: 'NeedUrgency' });

export enum NeedSort {
  NEWEST = 'NEWEST',
  MOST_SHARED = 'MOST_SHARED',
}
registerEnumType(NeedSort, {
  name: 'NeedSort',
  valuesMap: {
    NEWEST: { description: 'Newest first.' },
    MOST_SHARED: { description: 'Most endorsing organisations first, then most people affected, then newest.' },
  },
});
