import { defineErrors } from '#core';

export const NeedError = defineErrors('NEED', {
  NOT_FOUND: { code: 'NOT_FOUND', sv: 'Behovet finns inte.', en: 'Need not found.' },
  MERGED_INTO_UNTRIAGED: {
    code: 'CONFLICT',
    sv: 'Behovet är sammanslaget med ett annat behov som noden ännu inte har granskat.',
    en: 'The need was merged into another need that the node has not triaged yet.',
  },
  MERGED: {
    code: 'CONFLICT',
    sv: 'Behovet är sammanslaget med ett annat behov ({mergedIntoId}). Använd det i stället.',
    en: 'The need was merged into another need ({mergedIntoId}). Use that one instead.',
  },
  OWN_ORGANIZATION: {
    code: 'CONFLICT',
    sv: 'Er organisation har själv rapporterat behovet och kan inte ställa sig bakom det en gång till.',
    en: 'Your organisation reported this need and cannot endorse it as well.',
  },
  NODE_CANNOT_ENDORSE: {
    code: 'FORBIDDEN',
    sv: 'Noden ställer sig inte bakom behov; det gör medlemsorganisationerna.',
    en: 'The node does not endorse needs; member organisations do.',
  },
  ALREADY_ENDORSED: {
    code: 'CONFLICT',
    sv: 'Er organisation står redan bakom behovet.',
    en: 'Your organisation already endorses this need.',
  },
  NOT_ENDORSED: {
    code: 'NOT_FOUND',
    sv: 'Er organisation står inte bakom behovet.',
    en: 'Your organisation does not endorse this need.',
  },
  WITHDRAW_FORBIDDEN: {
    code: 'FORBIDDEN',
    sv: 'Bara den som ställde sig bakom behovet eller organisationens samordnare kan dra tillbaka det.',
    en: "Only the person who endorsed the need or the organisation's coordinator can withdraw it.",
  },
  REASON_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Ange ett skäl för status {status}.',
    en: 'Give a reason for status {status}.',
  },
  USE_MERGE: {
    code: 'BAD_USER_INPUT',
    sv: 'Använd mergeNeed för att slå samman behov.',
    en: 'Use mergeNeed to merge needs.',
  },
  MERGE_INTO_SELF: {
    code: 'BAD_USER_INPUT',
    sv: 'Ett behov kan inte slås samman med sig självt.',
    en: 'A need cannot be merged into itself.',
  },
});

export const CoachError = defineErrors('COACH', {
  NOT_FOUND: { code: 'NOT_FOUND', sv: 'Teknikcoachen finns inte.', en: 'Tech coach not found.' },
  NOT_A_COACH: {
    code: 'NOT_FOUND',
    sv: 'Du är inte registrerad som teknikcoach.',
    en: 'You are not registered as a tech coach.',
  },
  USER_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Användaren finns inte.', en: 'User not found.' },
  EXISTS: {
    code: 'CONFLICT',
    sv: 'Användaren är redan registrerad som teknikcoach.',
    en: 'The user is already registered as a tech coach.',
  },
  INACTIVE: { code: 'CONFLICT', sv: 'Teknikcoachen är inte aktiv.', en: 'The tech coach is not active.' },
  FORBIDDEN: {
    code: 'FORBIDDEN',
    sv: 'Bara coachen själv, organisationens samordnare eller noden kan göra detta.',
    en: "Only the coach, the organisation's coordinator or node staff can do this.",
  },
  DATE_IN_FUTURE: {
    code: 'BAD_USER_INPUT',
    sv: 'Datumet får inte ligga i framtiden.',
    en: 'The date must not be in the future.',
  },
});
