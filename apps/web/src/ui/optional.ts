import { useCallback } from 'react';
import { useLanguage } from '../app/i18n.js';

/**
 * A field's label marked optional before anything is sent: "Anteckning (frivilligt)" / "Note (optional)". As
 * GOV.UK does, most fields of a form are required, so the few optional ones say so; which ones follows the api's
 * input (a nullable field, `@IsOptional`), never a rule of the app's own.
 */
export function useOptional(): (label: string) => string {
  const { t } = useLanguage();
  return useCallback((label: string) => `${label} ${t('form.optional')}`, [t]);
}
