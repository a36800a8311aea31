import type { MessageKey, Params } from './i18n/catalog.js';

/** An error as the api sends it (GraphQL or the /auth routes): a message already in the chosen language. */
export interface ApiError {
  message: string;
  code?: string;
  /** The offending input, e.g. `input.title`: a path for developers, never shown; it finds the form's field. */
  field?: string;
  reason?: string;
  /** For an input problem (`CORE_INVALID_INPUT`): what is wrong, as a code (`isNotEmpty`, `maxLength`…). */
  constraint?: string;
  /** The bound the constraint names (a length, a minimum), if any. */
  limit?: number;
}

interface RawProblem {
  field?: unknown;
  constraint?: unknown;
  limit?: unknown;
  message?: unknown;
}

interface RawError {
  message?: string;
  extensions?: {
    code?: unknown;
    field?: unknown;
    reason?: unknown;
    params?: unknown;
    problems?: unknown;
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The api's errors, one per problem: an input with three problems answers one error listing all three. */
export function toApiErrors(errors: readonly RawError[] | undefined | null): ApiError[] {
  return (errors ?? []).flatMap((error) => {
    const extensions = error.extensions ?? {};
    const base = {
      message: error.message ?? '',
      code: text(extensions.code),
      reason: text(extensions.reason),
    };
    const problems = Array.isArray(extensions.problems) ? (extensions.problems as RawProblem[]) : [];
    if (problems.length)
      return problems.map((p) => ({
        ...base,
        message: text(p.message) ?? base.message,
        field: text(p.field),
        constraint: text(p.constraint),
        limit: number(p.limit),
      }));
    const params = (extensions.params ?? {}) as Record<string, unknown>;
    return [
      {
        ...base,
        field: text(extensions.field),
        constraint: text(params.constraint),
        limit: number(params.limit),
      },
    ];
  });
}

/** `input.title` and `title` both name the form's `title` field; `input.items.2.name` names `items.2.name`. */
export function fieldName(field: string | undefined): string | undefined {
  if (!field) return undefined;
  return field.replace(/^(input|args)\./, '');
}

type Translate = (key: MessageKey, params?: Params) => string;

/** A field as the form shows it: its own label, and optionally its own words for "missing" (GOV.UK: "Enter a title"). */
export interface FieldWords {
  label: string;
  /** Said when the field is empty (or, for a select, nothing is chosen). */
  required?: string;
  /** Said for any other problem of the field (a number out of range…), instead of the generic wording. */
  invalid?: string;
}

const CONSTRAINT_WORDS: Record<string, MessageKey> = {
  maxLength: 'form.problem.maxLength',
  minLength: 'form.problem.minLength',
  min: 'form.problem.min',
  max: 'form.problem.max',
  isInt: 'form.problem.integer',
  isNumber: 'form.problem.number',
  maxDecimalPlaces: 'form.problem.decimals',
  isEmail: 'form.problem.email',
  isDate: 'form.problem.date',
  isDateString: 'form.problem.date',
  isIso8601: 'form.problem.date',
  isUrl: 'form.problem.url',
  isEnum: 'form.problem.choice',
  isIn: 'form.problem.choice',
  isUuid: 'form.problem.choice',
  isBoolean: 'form.problem.choice',
  matches: 'form.problem.invalid',
  noNulByte: 'form.problem.nul',
  arrayMaxSize: 'form.problem.tooMany',
  arrayMinSize: 'form.problem.tooFew',
  arrayUnique: 'form.problem.duplicates',
};
const REQUIRED = new Set(['isNotEmpty', 'isDefined', 'whitelistValidation']);
/** Domain errors that name the field by its path inside their text: worded here from the reason instead. */
const REASON_WORDS: Record<string, MessageKey> = {
  CORE_INVALID_ID: 'form.problem.choice',
  CORE_REFERENCE_NOT_FOUND: 'form.problem.notFound',
  CORE_INVALID_VALUE: 'app.error.invalidValue',
  CORE_VALUE_TOO_LONG: 'form.problem.invalid',
};
/** `input.title`, `args.x`, `input.items.2.name`, or a bare path the error names: never for a person's eyes. */
const PATH = /\b(?:input|args)\.[\w.]+/;
/** "Fältet input.x: …" / "Field input.x: …": the api's prefix for developers; the rest is already plain. */
const PATH_PREFIX = /^(?:Fältet|Field)\s+\S+?:\s*/;

/**
 * The words a person reads for one api error: never the field's path. An input problem is worded from its
 * constraint and the field's own label (or the form's own sentence for that field); a domain error keeps its
 * plain message without the developers' "Fältet input.x:" prefix; anything still naming a path becomes a generic
 * sentence.
 */
export function wordError(error: ApiError, t: Translate, words?: FieldWords): string {
  const path = error.field;
  const label = words?.label;
  if (error.reason === 'CORE_INVALID_INPUT' && error.constraint) {
    if (REQUIRED.has(error.constraint))
      return words?.required ?? (label ? t('form.problem.required', { label }) : t('form.problem.requiredHere'));
    if (words?.invalid) return words.invalid;
    const key = CONSTRAINT_WORDS[error.constraint];
    if (!label || !key) return t('form.problem.generic');
    return t(key, { label, limit: error.limit ?? '' });
  }
  const reasonKey = error.reason && REASON_WORDS[error.reason];
  if (reasonKey) {
    if (reasonKey === 'app.error.invalidValue' || !label) return words?.invalid ?? t('app.error.invalidValue');
    return t(reasonKey, { label, limit: '' });
  }
  let message = error.message;
  if (path) {
    const stripped = message.replace(PATH_PREFIX, '');
    if (stripped !== message) message = stripped.charAt(0).toUpperCase() + stripped.slice(1);
  }
  if (!message || PATH.test(message) || (path && message.includes(path)))
    return path ? (words?.invalid ?? t('form.problem.generic')) : t('form.problem.genericForm');
  return message;
}

export interface FormErrors {
  byField: Record<string, string>;
  /** Errors that name no field the form shows: shown above the form. */
  general: string[];
}

/** Which of the form's fields an error belongs to (the field itself or a part of it: `successCriteria.1.unit`). */
export function matchField(error: ApiError, formFields: readonly string[]): string | undefined {
  const name = fieldName(error.field);
  return name ? formFields.find((field) => name === field || name.startsWith(`${field}.`)) : undefined;
}

export function splitErrors(
  errors: readonly ApiError[],
  formFields: readonly string[],
  t: Translate,
  words: Partial<Record<string, FieldWords>> = {},
): FormErrors {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const error of errors) {
    const match = matchField(error, formFields);
    const message = wordError(error, t, match ? words[match] : undefined);
    if (match && !byField[match]) byField[match] = message;
    else if (!match && !general.includes(message)) general.push(message);
  }
  return { byField, general };
}
