import { defineErrors } from '#core';

export const ThreadError = defineErrors('THREAD', {
  NOT_FOUND: { code: 'NOT_FOUND', sv: 'Steget i kedjan finns inte.', en: 'No such step of the thread.' },
  DECISION_NOT_FOUND: {
    code: 'NOT_FOUND',
    sv: 'Beslutet finns inte eller är inte publicerat.',
    en: 'Decision not found or not published.',
  },
  ORGANIZATION_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Organisationen finns inte.', en: 'Organisation not found.' },
  NOT_A_MUNICIPALITY: {
    code: 'BAD_USER_INPUT',
    sv: 'Överförbarhet bedöms för en kommun.',
    en: 'Transferability is assessed for a municipality.',
  },
  UNKNOWN_LIST: {
    code: 'NOT_FOUND',
    sv: 'Det finns ingen export med det namnet. Välj overview, needs, decisions, agreements eller follow-ups.',
    en: 'No such export. Choose overview, needs, decisions, agreements or follow-ups.',
  },
});
