import { defineErrors } from '#core';

export const FollowUpError = defineErrors('FOLLOWUP', {
  IMPLEMENTATION_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Införandet finns inte.', en: 'Implementation not found.' },
  FOLLOW_UP_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Uppföljningen finns inte.', en: 'Follow-up not found.' },
  CONTACT_NOT_IN_ORGANIZATION: {
    code: 'BAD_USER_INPUT',
    sv: 'Den ansvariga kontaktpersonen måste vara en aktiv användare i organisationen.',
    en: 'The responsible contact must be an active user of the organisation.',
  },
  COUNTS_EXCEED_OFFERED: {
    code: 'BAD_USER_INPUT',
    sv: 'Antal som tackat ja och nej ({sum}) får inte vara fler än antal erbjudna ({offered}).',
    en: 'Accepted plus declined ({sum}) may not exceed the number offered ({offered}).',
  },
  REASON_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Ange ett skäl när införandet avslutas.',
    en: 'Give a reason when the implementation is discontinued.',
  },
  GO_LIVE_CANNOT_BE_CLEARED: {
    code: 'BAD_USER_INPUT',
    sv: 'Startdatumet kan ändras men inte tas bort när uppföljningar finns.',
    en: 'The go-live date can be changed but not removed once follow-ups exist.',
  },
  GO_LIVE_BEFORE_CALL_OFF: {
    code: 'BAD_USER_INPUT',
    sv: 'Startdatumet kan inte ligga före avropets datum ({calledOffOn}).',
    en: 'The go-live date cannot be before the call-off date ({calledOffOn}).',
  },
  DISCONTINUED: {
    code: 'CONFLICT',
    sv: 'Införandet är avslutat och kan inte ändras.',
    en: 'The implementation is discontinued and cannot be changed.',
  },
  NOT_OPEN: {
    code: 'CONFLICT',
    sv: 'Uppföljningen kan inte besvaras nu (status {status}).',
    en: 'The follow-up cannot be answered now (status {status}).',
  },
  CORRECTION_REASON_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Uppföljningen är redan besvarad: en rättelse kräver ett skäl.',
    en: 'The follow-up is already answered: a correction needs a reason.',
  },
  UNKNOWN_INDICATOR: {
    code: 'BAD_USER_INPUT',
    sv: 'Indikatorn {key} finns inte i indikatoruppsättningen.',
    en: 'Indicator {key} is not in the indicator set.',
  },
  INDICATOR_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Indikatorn {key} måste besvaras.',
    en: 'Indicator {key} is required.',
  },
  INDICATOR_WRONG_TYPE: {
    code: 'BAD_USER_INPUT',
    sv: 'Indikatorn {key} ska vara {expectedSv}.',
    en: 'Indicator {key} must be {expectedEn}.',
  },
  VALUES_NOT_OBJECT: {
    code: 'BAD_USER_INPUT',
    sv: 'Värdena ska anges som ett objekt med indikatorns nyckel.',
    en: 'Values must be an object keyed by indicator.',
  },
  DUPLICATE_INDICATOR: {
    code: 'BAD_USER_INPUT',
    sv: 'Indikatorn {key} förekommer mer än en gång.',
    en: 'Indicator {key} appears more than once.',
  },
});
