import { defineErrors } from '#core';

export const KnowledgeError = defineErrors('KNOWLEDGE', {
  ARTICLE_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Artikeln finns inte.', en: 'Article not found.' },
  NOT_AUTHOR: {
    code: 'FORBIDDEN',
    sv: 'Bara den skrivande organisationen och noden kan ändra artikeln.',
    en: "Only the author's organisation and the node can change the article.",
  },
  ALREADY_PUBLISHED: { code: 'CONFLICT', sv: 'Artikeln är redan publicerad.', en: 'The article is already published.' },
  NOT_PUBLISHED: { code: 'CONFLICT', sv: 'Artikeln är inte publicerad.', en: 'The article is not published.' },
  LINK_NOT_FOUND: {
    code: 'BAD_USER_INPUT',
    sv: 'Det länkade {entity} finns inte: {id}.',
    en: 'The linked {entity} does not exist: {id}.',
  },
  QUERY_EMPTY: {
    code: 'BAD_USER_INPUT',
    sv: 'Sökningen innehåller inga sökbara ord.',
    en: 'The search has no searchable words.',
  },
  DATES_INVALID: {
    code: 'BAD_USER_INPUT',
    sv: 'Från-datum måste vara före till-datum.',
    en: 'The from date must be before the to date.',
  },
});
