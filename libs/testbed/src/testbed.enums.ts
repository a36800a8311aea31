import { registerEnumType } from '@nestjs/graphql';

export enum TestProtocolStatus {
  DRAFT = 'DRAFT',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  SUBMITTED_FOR_REVIEW = 'SUBMITTED_FOR_REVIEW',
  DECIDED = 'DECIDED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(TestProtocolStatus, {
  name: 'TestProtocolStatus',
  valuesMap: {
    DRAFT: { description: 'Utkast: planen kan ändras. Synligt för ledande och deltagande organisationer och noden.' },
    RUNNING: { description: 'Testet pågår; synligt för alla medlemmar.' },
    COMPLETED: { description: 'Testet är avslutat; resultat kan fortfarande föras in.' },
    SUBMITTED_FOR_REVIEW: { description: 'En fryst version väntar på styrgruppens granskning.' },
    DECIDED: { description: 'Styrgruppen har fattat beslut om den senaste versionen.' },
    WITHDRAWN: { description: 'Återkallat.' },
  },
});

/**
 * Consent to take part is given by the person, with support if needed; never by relatives or a guardian
 * (S2:230). `RELATIVE` and `GUARDIAN` exist only so that such an attempt gets a clear refusal.
 */
export enum ConsentApproach {
  PERSON_THEMSELF = 'PERSON_THEMSELF',
  PERSON_WITH_SUPPORT = 'PERSON_WITH_SUPPORT',
  NOT_APPLICABLE_NO_PERSONAL_DATA = 'NOT_APPLICABLE_NO_PERSONAL_DATA',
  RELATIVE = 'RELATIVE',
  GUARDIAN = 'GUARDIAN',
}
registerEnumType(ConsentApproach, {
  name: 'TestConsentApproach',
  description:
    'Hur samtycke hanteras. Samtycke ges av personen själv, aldrig av anhöriga eller ställföreträdare (S2:230).',
  valuesMap: {
    PERSON_THEMSELF: { description: 'Personen samtycker själv.' },
    PERSON_WITH_SUPPORT: { description: 'Personen samtycker själv, med stöd (t.ex. bildstöd, tolk).' },
    NOT_APPLICABLE_NO_PERSONAL_DATA: {
      description: 'Ej tillämpligt: testet behandlar inga personuppgifter om brukare.',
    },
    RELATIVE: { description: 'Avvisas alltid: anhöriga kan inte samtycka för någon annan.' },
    GUARDIAN: { description: 'Avvisas alltid: god man/förvaltare kan inte samtycka till insatsen för någon annan.' },
  },
});

export const ACCEPTED_CONSENT: readonly ConsentApproach[] = [
  ConsentApproach.PERSON_THEMSELF,
  ConsentApproach.PERSON_WITH_SUPPORT,
  ConsentApproach.NOT_APPLICABLE_NO_PERSONAL_DATA,
];

export enum ParticipantGroup {
  CARE_RECIPIENTS = 'CARE_RECIPIENTS',
  STAFF = 'STAFF',
  RELATIVES = 'RELATIVES',
}
registerEnumType(ParticipantGroup, {
  name: 'TestParticipantGroup',
  valuesMap: {
    CARE_RECIPIENTS: { description: 'Brukare' },
    STAFF: { description: 'Personal' },
    RELATIVES: { description: 'Anhöriga' },
  },
});

export enum ObservationKind {
  OBSTACLE = 'OBSTACLE',
  OPPORTUNITY = 'OPPORTUNITY',
  LESSON = 'LESSON',
}
registerEnumType(ObservationKind, {
  name: 'TestObservationKind',
  description: 'So that obstacles and opportunities become learning (S4:336).',
  valuesMap: {
    OBSTACLE: { description: 'Hinder' },
    OPPORTUNITY: { description: 'Möjlighet' },
    LESSON: { description: 'Lärdom' },
  },
});

export enum SteeringRecommendation {
  RECOMMEND = 'RECOMMEND',
  RECOMMEND_WITH_CONDITIONS = 'RECOMMEND_WITH_CONDITIONS',
  DO_NOT_RECOMMEND = 'DO_NOT_RECOMMEND',
  TEST_MORE = 'TEST_MORE',
}
registerEnumType(SteeringRecommendation, {
  name: 'SteeringRecommendation',
  valuesMap: {
    RECOMMEND: { description: 'Rekommenderas' },
    RECOMMEND_WITH_CONDITIONS: { description: 'Rekommenderas med villkor' },
    DO_NOT_RECOMMEND: { description: 'Rekommenderas inte' },
    TEST_MORE: { description: 'Testa mer' },
  },
});

export enum ReviewStatus {
  OPEN = 'OPEN',
  DECIDED = 'DECIDED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(ReviewStatus, {
  name: 'TestReviewStatus',
  valuesMap: {
    OPEN: { description: 'Väntar på styrgruppens röster.' },
    DECIDED: { description: 'Beslut fattat om versionen.' },
    SUPERSEDED: { description: 'Protokollet ändrades före beslut; rösterna gäller inte längre.' },
  },
});

export enum QuorumRule {
  MAJORITY_OF_MEMBERS = 'MAJORITY_OF_MEMBERS',
  ALL_MEMBERS = 'ALL_MEMBERS',
  MINIMUM_VOTES = 'MINIMUM_VOTES',
}
registerEnumType(QuorumRule, {
  name: 'SteeringQuorumRule',
  description: "When a review closes: the steering group's member organisations are the region and the municipalities.",
  valuesMap: {
    MAJORITY_OF_MEMBERS: { description: 'En majoritet av medlemsorganisationerna har röstat (standard).' },
    ALL_MEMBERS: { description: 'Alla medlemsorganisationer har röstat.' },
    MINIMUM_VOTES: { description: 'Minst ett angivet antal organisationer har röstat.' },
  },
});
