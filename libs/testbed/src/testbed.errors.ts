import { defineErrors } from '#core';

export const TestbedError = defineErrors('TESTBED', {
  PROTOCOL_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Testprotokollet finns inte.', en: 'Test protocol not found.' },
  VERSION_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Protokollversionen finns inte.', en: 'Protocol version not found.' },
  DECISION_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Beslutet finns inte.', en: 'Decision not found.' },
  CRITERION_NOT_FOUND: {
    code: 'NOT_FOUND',
    sv: 'Framgångskriteriet finns inte i protokollet.',
    en: 'The success criterion is not part of the protocol.',
  },
  ORGANIZATION_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Organisationen finns inte.', en: 'Organisation not found.' },
  CONSENT_BY_PROXY: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field}: samtycke ges av personen själv (vid behov med stöd), aldrig av anhöriga eller ställföreträdare (S2:230). Välj PERSON_THEMSELF, PERSON_WITH_SUPPORT eller NOT_APPLICABLE_NO_PERSONAL_DATA.',
    en: 'Field {field}: consent is given by the person (with support if needed), never by relatives or a guardian. Choose PERSON_THEMSELF, PERSON_WITH_SUPPORT or NOT_APPLICABLE_NO_PERSONAL_DATA.',
  },
  PERIOD_ENDS_BEFORE_START: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field}: testperioden kan inte sluta före den börjar.',
    en: 'Field {field}: the planned period cannot end before it starts.',
  },
  LEAD_ALSO_PARTICIPANT: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field}: den ledande organisationen kan inte också stå som deltagande.',
    en: 'Field {field}: the lead organisation cannot also be listed as participating.',
  },
  OCCURRED_IN_FUTURE: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field}: datumet kan inte ligga i framtiden.',
    en: 'Field {field}: the date cannot be in the future.',
  },
  DUPLICATE_CRITERION: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field}: två framgångskriterier har samma namn.',
    en: 'Field {field}: two success criteria have the same name.',
  },
  CONDITIONS_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field}: ange villkoren när du rekommenderar med villkor.',
    en: 'Field {field}: state the conditions when recommending with conditions.',
  },
  MINIMUM_VOTES_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field}: ange antal röster (1–{max}) för regeln MINIMUM_VOTES, och bara för den.',
    en: 'Field {field}: give a number of votes (1–{max}) for the rule MINIMUM_VOTES, and only for it.',
  },
  LEAD_ORGANIZATION_FORBIDDEN: {
    code: 'FORBIDDEN',
    sv: 'Du kan bara registrera test som leds av din egen organisation.',
    en: 'You can only register tests led by your own organisation.',
  },
  NOT_LEAD: {
    code: 'FORBIDDEN',
    sv: 'Bara den ledande organisationens samordnare eller styrgruppsledamot, eller noden, får göra detta.',
    en: "Only the lead organisation's coordinators or steering members, or node staff, may do this.",
  },
  NOT_PARTICIPANT: {
    code: 'FORBIDDEN',
    sv: 'Bara användare i ledande eller deltagande organisationer, eller noden, får rapportera i testet.',
    en: 'Only users of the lead or participating organisations, or node staff, may report in this test.',
  },
  NOT_MEMBER_ORGANIZATION: {
    code: 'FORBIDDEN',
    sv: 'Bara styrgruppens medlemsorganisationer (regionen och kommunerna) röstar.',
    en: "Only the steering group's member organisations (the region and the municipalities) vote.",
  },
  PLAN_LOCKED: {
    code: 'CONFLICT',
    sv: 'Planen kan bara ändras i utkast, eller som en ny version efter inlämning (status nu: {status}).',
    en: 'The plan can only be changed in a draft, or as a new version after submission (status now: {status}).',
  },
  ACTIVITY_NOT_OPEN: {
    code: 'CONFLICT',
    sv: 'Deltagare, observationer och resultat förs in när testet pågår eller är avslutat (status nu: {status}).',
    en: 'Participants, observations and results are recorded while the test runs or after it ends (status now: {status}).',
  },
  USE_SUBMIT: {
    code: 'CONFLICT',
    sv: 'Status {to} sätts inte direkt: lämna in med submitTestProtocolForReview; beslut fattas av styrgruppen.',
    en: 'Status {to} is not set directly: submit with submitTestProtocolForReview; decisions are made by the steering group.',
  },
  VERSION_NOT_UNDER_REVIEW: {
    code: 'CONFLICT',
    sv: 'Version {version} granskas inte längre. Rösta på den aktuella versionen.',
    en: 'Version {version} is no longer under review. Vote on the current version.',
  },
  ALREADY_VOTED: {
    code: 'CONFLICT',
    sv: 'Din organisation har redan röstat om version {version}.',
    en: 'Your organisation has already voted on version {version}.',
  },
  HAND_IN_REASON_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Underlaget är ofullständigt ({gaps}). Skriv varför protokollet ska lämnas in ändå.',
    en: 'The knowledge basis is incomplete ({gaps}). Say why the protocol should be handed in anyway.',
  },
});
