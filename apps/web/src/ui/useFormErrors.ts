import { useCallback, useState } from 'react';
import type { CombinedError } from 'urql';
import { type ApiError, type FormErrors, splitErrors, toApiErrors } from '../app/api-errors.js';
import { useLanguage } from '../app/i18n.js';

/**
 * The api's errors for a form: each next to the field `extensions.field` names, the rest above the form.
 * The form's values are never touched, so a failed request loses nothing the user typed.
 */
export function useFormErrors(fields: readonly string[]) {
  const { t } = useLanguage();
  const [errors, setErrors] = useState<FormErrors>({ byField: {}, general: [] });
  const show = useCallback(
    (failure: CombinedError | readonly ApiError[] | undefined) => {
      if (!failure) {
        setErrors({ byField: {}, general: [] });
        return false;
      }
      const raw = isErrorList(failure)
        ? failure
        : failure.graphQLErrors.length
          ? toApiErrors(failure.graphQLErrors)
          : [{ message: t('app.error.network') }];
      // A value the api could not even read (an empty choice, a number that is not one) is worded for developers.
      const list = raw.map((error) =>
        error.reason === 'CORE_INVALID_VALUE' ? { ...error, message: t('app.error.invalidValue') } : error,
      );
      setErrors(splitErrors(list, fields));
      return list.length > 0;
    },
    [fields, t],
  );
  const fieldError = (name: string) => errors.byField[name];
  const count = Object.keys(errors.byField).length + errors.general.length;
  /** For the summary above the form: the field errors too, so a screen reader hears all of them at once. */
  const all = [...errors.general, ...Object.values(errors.byField)];
  const clearField = useCallback(
    (name: string) =>
      setErrors((current) => {
        if (!(name in current.byField)) return current;
        const { [name]: _cleared, ...rest } = current.byField;
        return { ...current, byField: rest };
      }),
    [],
  );
  return { errors, all, show, fieldError, clearField, count, clear: () => setErrors({ byField: {}, general: [] }) };
}

function isErrorList(failure: CombinedError | readonly ApiError[]): failure is readonly ApiError[] {
  return Array.isArray(failure);
}
