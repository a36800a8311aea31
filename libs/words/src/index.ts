import { svWords, type WordKey } from './sv.js';
import { enWords } from './en.js';

export { svWords, enWords, type WordKey };

/**
 * The one source of the words a user reads for a code (a status, a recommendation, a notification kind), in each
 * language. Dependency-free: the web app and every server lib import it (docs/ARCHITECTURE.md, "Words").
 */
export type Lang = 'sv' | 'en';
export const LANGS: readonly Lang[] = ['sv', 'en'];
export type WordParams = Record<string, string | number | null | undefined>;

export const WORDS: Record<Lang, Record<WordKey, string>> = { sv: svWords, en: enWords };

export function isLang(value: unknown): value is Lang {
  return value === 'sv' || value === 'en';
}

/**
 * Fills a template: `{name}` is the parameter, `{name:prefix}` the word for the code `prefix.<value>` in the same
 * catalogue (several codes, comma-separated, become a list: "Samordnare och Teknikcoach"), `{name|one|other}` picks
 * the plural form for the number (Intl.PluralRules).
 */
export function interpolate(
  lang: Lang,
  template: string,
  params: WordParams | undefined,
  lookup: (key: string) => string | undefined,
): string {
  if (!params) return template;
  const pattern = /\{(\w+)(?::([\w.]+)|\|([^|}]*)\|([^}]*))?\}/g;
  return template.replace(pattern, (whole, name: string, prefix?: string, one?: string, other?: string): string => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    if (prefix) {
      const words = String(value)
        .split(',')
        .map((code) => lookup(`${prefix}.${code}`) ?? code);
      return words.length > 1 ? listFormat(lang).format(words) : words[0];
    }
    if (one !== undefined) return plural(lang, Number(value)) === 'one' ? one : (other ?? one);
    return String(value);
  });
}

const listFormats = new Map<Lang, Intl.ListFormat>();
function listFormat(lang: Lang): Intl.ListFormat {
  let format = listFormats.get(lang);
  if (!format) listFormats.set(lang, (format = new Intl.ListFormat(lang === 'sv' ? 'sv-SE' : 'en-GB')));
  return format;
}

const pluralRules = new Map<Lang, Intl.PluralRules>();
function plural(lang: Lang, count: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang === 'sv' ? 'sv-SE' : 'en-GB')));
  return rules.select(count);
}

/** The shared word for `key` in `lang`, filled with `params`. */
export function word(lang: Lang, key: WordKey, params?: WordParams): string {
  return interpolate(lang, WORDS[lang][key], params, (k) => (WORDS[lang] as Record<string, string>)[k]);
}

/** Notification kinds: each has a title and a body in every language. */
export type NotificationKind = {
  [K in WordKey]: K extends `notification.${infer Kind}.title` ? Kind : never;
}[WordKey];

/** A notification's title and body for one recipient's language. */
export function notificationText(
  lang: Lang,
  kind: NotificationKind,
  params: WordParams,
): { title: string; body: string } {
  return {
    title: word(lang, `notification.${kind}.title` as WordKey, params),
    body: word(lang, `notification.${kind}.body` as WordKey, params),
  };
}
