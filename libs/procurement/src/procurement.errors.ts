import { defineErrors } from '#core';

export const ProcurementError = defineErrors('PROCUREMENT', {
  NOT_FOUND: { code: 'NOT_FOUND', sv: 'Upphandlingen finns inte.', en: 'Procurement not found.' },
  CALL_OFF_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Avropet finns inte.', en: 'Call-off not found.' },
  CALL_OFF_OF_OTHER_ORGANIZATION: {
    code: 'FORBIDDEN',
    sv: 'Avropet gjordes av {organization}: ett införande kan bara registreras på den egna organisationens avrop.',
    en: "The call-off was made by {organization}: an implementation can only be recorded against its own organisation's call-off.",
  },
  CALL_OFF_OF_OTHER_PRODUCT: {
    code: 'BAD_USER_INPUT',
    sv: 'Avropet gäller en annan produkt.',
    en: 'The call-off is for another product.',
  },
  AGREEMENT_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Ramavtalet finns inte.', en: 'Framework agreement not found.' },
  LOT_NOT_FOUND: {
    code: 'BAD_USER_INPUT',
    sv: 'Delområdet hör inte till upphandlingen.',
    en: 'The lot does not belong to the procurement.',
  },
  ORGANIZATION_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Organisationen finns inte.', en: 'Organisation not found.' },
  NOT_EDITABLE: {
    code: 'CONFLICT',
    sv: 'Upphandlingen kan bara ändras när den är planerad (status nu {status}).',
    en: 'The procurement can only be changed while PLANNED (status now {status}).',
  },
  WINDOW_INVALID: {
    code: 'BAD_USER_INPUT',
    sv: 'Anmälan kan inte stänga före den öppnar.',
    en: 'Participation cannot close before it opens.',
  },
  DATES_INVALID: {
    code: 'BAD_USER_INPUT',
    sv: 'Slutdatum kan inte ligga före startdatum.',
    en: 'The end date cannot be before the start date.',
  },
  DUPLICATE_LOT_NAME: { code: 'BAD_USER_INPUT', sv: 'Två delområden heter {name}.', en: 'Two lots are named {name}.' },
  REASON_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Ange ett skäl till att upphandlingen avbryts.',
    en: 'Give a reason for cancelling the procurement.',
  },
  AWARD_THROUGH_MUTATION: {
    code: 'CONFLICT',
    sv: 'Tilldelning sker med awardFrameworkAgreement, inte genom statusbyte.',
    en: 'Award happens through awardFrameworkAgreement, not a status change.',
  },
  NOT_WITHIN_VALIDITY: {
    code: 'CONFLICT',
    sv: 'Ramavtalet kan bara vara aktivt under giltighetstiden {startsOn}–{endsOn} (idag {today}).',
    en: 'The framework agreement can only be active within its validity {startsOn}–{endsOn} (today {today}).',
  },
  NOT_YET_ENDED: {
    code: 'CONFLICT',
    sv: 'Ramavtalet gäller till och med {endsOn}; det kan inte löpa ut före dess.',
    en: 'The framework agreement is valid until {endsOn}; it cannot expire before then.',
  },
  SPEC_CLOSED: {
    code: 'CONFLICT',
    sv: 'Kravspecifikationen kan inte ändras efter tilldelning (status {status}).',
    en: 'The requirement specification cannot change after award (status {status}).',
  },
  NOT_ELIGIBLE: {
    code: 'FORBIDDEN',
    sv: 'Bara kommuner och regionen kan delta i en gemensam upphandling.',
    en: 'Only municipalities and the region can join a joint procurement.',
  },
  NOT_OPEN_FOR_PARTICIPATION: {
    code: 'CONFLICT',
    sv: 'Upphandlingen är inte öppen för anmälan (status {status}). Anmälningsperioden är {opensOn}–{closesOn}.',
    en: 'The procurement is not open for participation (status {status}). The participation window is {opensOn}–{closesOn}.',
  },
  OUTSIDE_WINDOW: {
    code: 'CONFLICT',
    sv: 'Anmälan är öppen {opensOn}–{closesOn} (båda dagarna inräknade); idag är det {today}.',
    en: 'Participation is open {opensOn}–{closesOn} (both days included); today is {today}.',
  },
  ALREADY_PARTICIPATING: {
    code: 'CONFLICT',
    sv: '{organization} deltar redan i upphandlingen.',
    en: '{organization} already takes part in the procurement.',
  },
  NOT_PARTICIPATING: {
    code: 'FORBIDDEN',
    sv: '{organization} deltar inte i upphandlingen.',
    en: '{organization} does not take part in the procurement.',
  },
  DUPLICATE_LOT: {
    code: 'BAD_USER_INPUT',
    sv: 'Samma delområde anges två gånger.',
    en: 'The same lot is given twice.',
  },
  ALREADY_AWARDED: {
    code: 'CONFLICT',
    sv: 'Upphandlingen har redan ett ramavtal.',
    en: 'The procurement already has a framework agreement.',
  },
  DUPLICATE_RANKING: {
    code: 'BAD_USER_INPUT',
    sv: 'Två leverantörer har rangordning {ranking} i samma delområde.',
    en: 'Two suppliers are ranked {ranking} in the same lot.',
  },
  DUPLICATE_SUPPLIER: {
    code: 'BAD_USER_INPUT',
    sv: 'Leverantören anges två gånger i samma delområde.',
    en: 'The supplier is given twice in the same lot.',
  },
  SUPPLIER_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Leverantören finns inte.', en: 'Supplier not found.' },
  PRODUCT_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Produkten finns inte.', en: 'Product not found.' },
  PRODUCT_OF_OTHER_SUPPLIER: {
    code: 'BAD_USER_INPUT',
    sv: 'Produkten kommer från en annan leverantör.',
    en: 'The product comes from another supplier.',
  },
  EXTENSION_USED: {
    code: 'CONFLICT',
    sv: 'Förlängningsoptionen är redan utnyttjad.',
    en: 'The extension option has already been used.',
  },
  EXTENSION_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Förlängningsoptionen finns inte.', en: 'Extension option not found.' },
  AGREEMENT_NOT_IN_FORCE: {
    code: 'CONFLICT',
    sv: 'Ramavtalet är inte i kraft (status {status}).',
    en: 'The framework agreement is not in force (status {status}).',
  },
  AGREEMENT_NOT_ACTIVE: {
    code: 'CONFLICT',
    sv: 'Avrop kan bara göras från ett aktivt ramavtal (status {status}, giltigt {startsOn}–{endsOn}, idag {today}).',
    en: 'Call-offs can only be made under an active framework agreement (status {status}, valid {startsOn}–{endsOn}, today {today}).',
  },
  LOT_NOT_AWARDED: {
    code: 'BAD_USER_INPUT',
    sv: 'Delområdet ingår inte i ramavtalet.',
    en: 'The lot is not part of the framework agreement.',
  },
  PRODUCT_NOT_IN_LOT: {
    code: 'BAD_USER_INPUT',
    sv: 'Produkten är inte upphandlad i delområdet {lot}.',
    en: 'The product is not awarded in lot {lot}.',
  },
  DATE_OUTSIDE_VALIDITY: {
    code: 'BAD_USER_INPUT',
    sv: 'Avropsdatumet måste ligga inom avtalets giltighet {startsOn}–{endsOn} och inte i framtiden.',
    en: 'The call-off date must be within the agreement validity {startsOn}–{endsOn} and not in the future.',
  },
});
