import { useCallback, useId, useRef, useState } from 'react';
import type { CombinedError } from 'urql';
import {
  type ApiError,
  type FieldWords,
  type FormErrors,
  splitErrors,
  toApiErrors,
  wordError,
} from '../app/api-errors.js';
import { useLanguage } from '../app/i18n.js';
import type { SummaryItem } from './Page.js';

/** A problem found before sending, worded like the api's own (`isNotEmpty`, `min`…) next to the field. */
export function problem(field: string, constraint: string, limit?: number): ApiError {
  return { field, constraint, limit, reason: 'CORE_INVALID_INPUT', message: '' };
}

/**
 * The api's errors for a form, and the form's own checks before sending: each next to the field it names (in the
 * field's own words, never the api's path), all of them at once in the summary above the form, each linking to
 * its field. The form's values are never touched, so a failed request loses nothing the user typed.
 */
export function useFormErrors(fields: readonly string[], words: Partial<Record<string, FieldWords>> = {}) {
  const { t } = useLanguage();
  const formId = useId();
  const [errors, setErrors] = useState<FormErrors>({ byField: {}, general: [] });
  // The words are the form's labels, rebuilt from the catalogue on each render: the latest ones are used.
  const wordsRef = useRef(words);
  wordsRef.current = words;
  const show = useCallback(
    (failure: CombinedError | readonly ApiError[] | undefined) => {
      if (!failure) {
        setErrors({ byField: {}, general: [] });
        return false;
      }
      const list = isErrorList(failure)
        ? failure
        : failure.graphQLErrors.length
          ? toApiErrors(failure.graphQLErrors)
          : [{ message: t('app.error.network') }];
      setErrors(splitErrors(list, fields, t, wordsRef.current));
      return list.length > 0;
    },
    [fields, t],
  );
  const fieldError = (name: string) => errors.byField[name];
  /** The id of a field's input, for the summary's links: give it to the field as `id`. */
  const fieldId = (name: string) => `${formId}-${name.replace(/\W/g, '-')}`;
  const count = Object.keys(errors.byField).length + errors.general.length;
  /** For the summary above the form: the field errors too, in the form's order, each linking to its field. */
  const summary: SummaryItem[] = [
    ...errors.general.map((message) => ({ message })),
    ...fields.filter((f) => errors.byField[f]).map((f) => ({ message: errors.byField[f], target: fieldId(f) })),
  ];
  const all = summary.map((item) => item.message);
  const clearField = useCallback(
    (name: string) =>
      setErrors((current) => {
        if (!(name in current.byField)) return current;
        const { [name]: _cleared, ...rest } = current.byField;
        return { ...current, byField: rest };
      }),
    [],
  );
  /** The props a Midas field takes to show its error: `<TextField {...form.field('title')} …/>`. */
  const field = (name: string) => ({
    id: fieldId(name),
    isInvalid: !!errors.byField[name],
    errorMessage: errors.byField[name],
    validationBehavior: 'aria' as const,
  });
  return {
    errors,
    all,
    summary,
    show,
    field,
    fieldId,
    fieldError,
    clearField,
    count,
    clear: () => setErrors({ byField: {}, general: [] }),
  };
}

/** A failed request's errors as a person reads them (no field paths), for a summary outside any form. */
export function useApiMessages(): (failure: CombinedError | undefined | null) => string[] {
  const { t } = useLanguage();
  return useCallback(
    (failure) =>
      !failure
        ? []
        : failure.graphQLErrors.length
          ? [...new Set(toApiErrors(failure.graphQLErrors).map((error) => wordError(error, t)))]
          : [t('app.error.network')],
    [t],
  );
}

function isErrorList(failure: CombinedError | readonly ApiError[]): failure is readonly ApiError[] {
  return Array.isArray(failure);
}
