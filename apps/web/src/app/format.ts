import type { Lang } from './i18n/catalog.js';

const locales: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };
// Noden's users are in Sörmland: dates are shown in Swedish time whatever the device says.
const TIME_ZONE = 'Europe/Stockholm';

export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return '–';
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeZone: TIME_ZONE }).format(date);
}

export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return '–';
  return new Intl.DateTimeFormat(locales[lang], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(locales[lang], { maximumFractionDigits: digits }).format(value);
}

/** Today's calendar date in Sweden, as the api's date fields expect it (YYYY-MM-DD). */
export function todayInSweden(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
