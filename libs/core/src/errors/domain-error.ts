/** The codes a client sees in `extensions.code`; every domain error maps to one of them. */
export type GraphqlErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

export type Lang = 'sv' | 'en';
export type ErrorParams = Record<string, string | number | readonly string[] | undefined>;

export interface ErrorSpec {
  code: GraphqlErrorCode;
  sv: string;
  en: string;
}

/** One of several problems found in one input at once (`extensions.problems`), so a form can show all of them. */
export interface FieldProblem {
  /** Path of the offending value, e.g. `input.title`. */
  field: string;
  /** What is wrong, as a code: `isNotEmpty`, `maxLength`, `min`, `maxDecimalPlaces`… */
  constraint: string;
  /** The bound a length or size constraint names (`maxLength` 200, `min` 0), if any. */
  limit?: number;
  sv: string;
  en: string;
}

export interface ErrorDetails {
  /** Path of the offending input field, e.g. `input.title`. */
  field?: string;
  /** Every problem of the input when there are several (the first is also `field`). */
  problems?: readonly FieldProblem[];
  /** Values substituted for `{name}` in the messages and returned in `extensions`. */
  params?: ErrorParams;
}

/** An expected failure with a user-safe message in Swedish and English; mapped to GraphQL in one filter. */
export class DomainError extends Error {
  constructor(
    readonly reason: string,
    readonly spec: ErrorSpec,
    readonly details: ErrorDetails = {},
  ) {
    super(interpolate(spec.en, details.params));
    this.name = 'DomainError';
  }

  get code(): GraphqlErrorCode {
    return this.spec.code;
  }

  messageIn(lang: Lang): string {
    return interpolate(lang === 'en' ? this.spec.en : this.spec.sv, this.details.params);
  }
}

/** A message of a catalogue (errors, warnings) in the request's language, with its `{name}` params filled in. */
export function renderMessage(spec: { sv: string; en: string }, lang: Lang, params?: ErrorParams): string {
  return interpolate(lang === 'en' ? spec.en : spec.sv, params);
}

function interpolate(template: string, params: ErrorParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    if (value === undefined) return whole;
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}

export type ErrorFactories<T extends Record<string, ErrorSpec>> = {
  [K in keyof T]: (details?: ErrorDetails) => DomainError;
};

/** Every error a domain defined, by reason: lets a test check how each one reads to a user. */
export const ERROR_CATALOGUE = new Map<string, ErrorSpec>();

/**
 * One catalogue of errors per domain: `const NeedError = defineErrors('NEED', { NOT_FOUND: {...} })`,
 * then `throw NeedError.NOT_FOUND({ field: 'id' })`. The reason sent to clients is `NEED_NOT_FOUND`.
 */
export function defineErrors<T extends Record<string, ErrorSpec>>(domain: string, specs: T): ErrorFactories<T> {
  const factories = {} as ErrorFactories<T>;
  for (const key of Object.keys(specs) as (keyof T & string)[]) {
    ERROR_CATALOGUE.set(`${domain}_${key}`, specs[key]);
    factories[key] = (details?: ErrorDetails) => new DomainError(`${domain}_${key}`, specs[key], details);
  }
  return factories;
}

export const CoreError = defineErrors('CORE', {
  UNAUTHENTICATED: { code: 'UNAUTHENTICATED', sv: 'Du måste logga in.', en: 'You must log in.' },
  INVALID_TOKEN: {
    code: 'UNAUTHENTICATED',
    sv: 'Inloggningen är ogiltig eller har gått ut. Logga in igen.',
    en: 'The access token is invalid or has expired. Log in again.',
  },
  FORBIDDEN: { code: 'FORBIDDEN', sv: 'Din roll får inte göra detta.', en: 'Your role may not do this.' },
  FORBIDDEN_ORGANIZATION: {
    code: 'FORBIDDEN',
    sv: 'Du får inte göra detta för en annan organisation.',
    en: 'You may not do this for another organisation.',
  },
  NOT_FOUND: { code: 'NOT_FOUND', sv: '{entity} finns inte.', en: '{entity} not found.' },
  INVALID_INPUT: { code: 'BAD_USER_INPUT', sv: 'Fältet {field}: {problem}', en: 'Field {field}: {problemEn}' },
  INVALID_ID: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field} är inte ett giltigt id.',
    en: 'Field {field} is not a valid id.',
  },
  INVALID_CURSOR: { code: 'BAD_USER_INPUT', sv: 'Ogiltig sidmarkör (after).', en: 'Invalid page cursor (after).' },
  TRANSITION_NOT_ALLOWED: {
    code: 'CONFLICT',
    sv: 'Statusen kan inte ändras från {from} till {to}. Tillåtna: {allowed}.',
    en: 'Status cannot change from {from} to {to}. Allowed: {allowed}.',
  },
  ALREADY_EXISTS: { code: 'CONFLICT', sv: 'Det finns redan: {entity}.', en: 'Already exists: {entity}.' },
  DATABASE_UNAVAILABLE: {
    code: 'SERVICE_UNAVAILABLE',
    sv: 'Databasen går inte att nå just nu. Inget sparades; försök igen om en stund.',
    en: 'The database cannot be reached right now. Nothing was saved; try again in a moment.',
  },
  CONCURRENT_CHANGE: {
    code: 'CONFLICT',
    sv: 'Någon annan ändrade samtidigt. Försök igen.',
    en: 'Someone else changed this at the same time. Try again.',
  },
  REFERENCE_NOT_FOUND: {
    code: 'BAD_USER_INPUT',
    sv: 'Det som fältet {field} pekar på finns inte.',
    en: 'What field {field} refers to does not exist.',
  },
  VALUE_TOO_LONG: { code: 'BAD_USER_INPUT', sv: 'Ett värde är för långt.', en: 'A value is too long.' },
  INVALID_VALUE: { code: 'BAD_USER_INPUT', sv: 'Ett värde har fel format.', en: 'A value has the wrong format.' },
  REQUEST_TOO_LARGE: { code: 'BAD_USER_INPUT', sv: 'Begäran är för stor.', en: 'The request is too large.' },
  INVALID_REQUEST: {
    code: 'BAD_USER_INPUT',
    sv: 'Begäran kunde inte läsas (är kroppen giltig JSON?).',
    en: 'The request could not be read (is the body valid JSON?).',
  },
  SELF_LOCKOUT: {
    code: 'CONFLICT',
    sv: 'Du kan inte stänga av dig själv eller ta bort din egen administratörsroll.',
    en: 'You cannot deactivate yourself or remove your own admin role.',
  },
  LOGIN_FAILED: {
    code: 'UNAUTHENTICATED',
    sv: 'Fel e-postadress eller lösenord.',
    en: 'Wrong e-mail address or password.',
  },
  LOGIN_THROTTLED: {
    code: 'TOO_MANY_REQUESTS',
    sv: 'För många misslyckade inloggningar. Försök igen om {seconds} sekunder.',
    en: 'Too many failed logins. Try again in {seconds} seconds.',
  },
  SETUP_TOKEN_INVALID: {
    code: 'BAD_USER_INPUT',
    sv: 'Installationslänken är ogiltig. Använd den senaste länken som api:t skrev ut när det startade.',
    en: 'The setup link is not valid. Use the latest link the api printed when it started.',
  },
  SETUP_TOKEN_EXPIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Installationslänken har gått ut. Starta om api:t för att få en ny.',
    en: 'The setup link has expired. Restart the api to get a new one.',
  },
  SETUP_TOKEN_USED: {
    code: 'CONFLICT',
    sv: 'Installationslänken är redan använd.',
    en: 'The setup link has already been used.',
  },
  SETUP_ALREADY_DONE: {
    code: 'CONFLICT',
    sv: 'Det finns redan användare: den första administratören är redan skapad. Logga in i stället.',
    en: 'Users already exist: the first administrator has already been created. Sign in instead.',
  },
  SETUP_THROTTLED: {
    code: 'TOO_MANY_REQUESTS',
    sv: 'För många felaktiga försök. Försök igen om {seconds} sekunder.',
    en: 'Too many wrong attempts. Try again in {seconds} seconds.',
  },
  QUERY_TOO_COMPLEX: {
    code: 'BAD_USER_INPUT',
    sv: 'Frågan är för stor ({actual}, högst {max}).',
    en: 'The query is too large ({actual}, at most {max}).',
  },
  QUERY_TOO_DEEP: {
    code: 'BAD_USER_INPUT',
    sv: 'Frågan är för djup ({actual}, högst {max}).',
    en: 'The query is too deep ({actual}, at most {max}).',
  },
});
