import { IndicatorType } from './indicator-set.entity.js';

export interface IndicatorDefinition {
  key: string;
  labelSv: string;
  labelEn: string;
  type: IndicatorType;
  unit?: string | null;
  required: boolean;
}

/** The default set, kept light for small municipalities (S1:268); node staff configure their own per category. */
export const DEFAULT_INDICATORS: IndicatorDefinition[] = [
  {
    key: 'activeUsersWomen',
    labelSv: 'Aktiva användare, kvinnor',
    labelEn: 'Active users, women',
    type: IndicatorType.COUNT,
    unit: 'personer',
    required: true,
  },
  {
    key: 'activeUsersMen',
    labelSv: 'Aktiva användare, män',
    labelEn: 'Active users, men',
    type: IndicatorType.COUNT,
    unit: 'personer',
    required: true,
  },
  {
    key: 'activeUsersOther',
    labelSv: 'Aktiva användare, annat/okänt kön',
    labelEn: 'Active users, other/unknown',
    type: IndicatorType.COUNT,
    unit: 'personer',
    required: true,
  },
  // S2:344
  {
    key: 'meetsNeeds',
    labelSv: 'Möter fortfarande personens behov och önskemål',
    labelEn: "Still meets the person's needs and wishes",
    type: IndicatorType.SCALE_1_5,
    required: true,
  },
  // S1:1054
  {
    key: 'perceivedSafety',
    labelSv: 'Upplevd trygghet',
    labelEn: 'Perceived safety',
    type: IndicatorType.SCALE_1_5,
    required: true,
  },
  {
    key: 'perceivedIndependence',
    labelSv: 'Upplevd självständighet',
    labelEn: 'Perceived independence',
    type: IndicatorType.SCALE_1_5,
    required: false,
  },
  // S1:1094
  {
    key: 'staffTimeSaved',
    labelSv: 'Frigjord personaltid',
    labelEn: 'Staff time freed',
    type: IndicatorType.COUNT,
    unit: 'timmar per vecka',
    required: false,
  },
  {
    key: 'workEnvironment',
    labelSv: 'Arbetsmiljö för personalen',
    labelEn: 'Staff work environment',
    type: IndicatorType.SCALE_1_5,
    required: false,
  },
  {
    key: 'deviations',
    labelSv: 'Avvikelser',
    labelEn: 'Deviations',
    type: IndicatorType.COUNT,
    unit: 'st',
    required: true,
  },
  // Kept apart from deviations (S2:203).
  {
    key: 'technicalFaults',
    labelSv: 'Tekniska fel',
    labelEn: 'Technical faults',
    type: IndicatorType.COUNT,
    unit: 'st',
    required: true,
  },
  {
    key: 'costSek',
    labelSv: 'Kostnad',
    labelEn: 'Cost',
    type: IndicatorType.COUNT,
    unit: 'kr per år',
    required: false,
  },
  {
    key: 'continuedUse',
    labelSv: 'Fortsatt användning',
    labelEn: 'Continued use',
    type: IndicatorType.YES_NO,
    required: true,
  },
  { key: 'lessons', labelSv: 'Lärdomar', labelEn: 'Lessons learned', type: IndicatorType.TEXT, required: false },
];
