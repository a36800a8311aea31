import { defineErrors } from '../errors/domain-error.js';

export const SessionError = defineErrors('SESSION', {
  ENDED: {
    code: 'UNAUTHENTICATED',
    sv: 'Sessionen har upphört. Logga in igen.',
    en: 'The session has ended. Sign in again.',
  },
  CROSS_SITE: {
    code: 'FORBIDDEN',
    sv: 'Begäran kom inte från Nodens egen webbplats.',
    en: 'The request did not come from Noden’s own site.',
  },
});
