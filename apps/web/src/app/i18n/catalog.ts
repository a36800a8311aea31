import { interpolate } from '#words';
import { sv, type MessageKey } from './sv.js';

export type Lang = 'sv' | 'en';
export type { MessageKey };
export type Params = Record<string, string | number>;

// Swedish is in the first load; English comes with its own chunk, loaded when someone chooses it.
const catalogs: Partial<Record<Lang, Record<MessageKey, string>>> = { sv };

export function isCatalogLoaded(lang: Lang): boolean {
  return !!catalogs[lang];
}

export async function loadCatalog(lang: Lang): Promise<void> {
  if (lang === 'en' && !catalogs.en) catalogs.en = (await import('./en.js')).en;
}

const pluralRules: Record<Lang, Intl.PluralRules> = {
  sv: new Intl.PluralRules('sv-SE'),
  en: new Intl.PluralRules('en-GB'),
};

/**
 * The message for `key` with its `{params}` filled in. With a numeric `count`, the catalogue's plural form
 * `key.one` (or any other Intl.PluralRules category) is used when it has one: "1 organisation till", not
 * "1 organisationer till".
 */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const count = params?.count;
  const plural = typeof count === 'number' ? `${key}.${pluralRules[lang].select(count)}` : null;
  const chosen = plural && isMessageKey(plural) ? plural : key;
  const catalog: Record<string, string> = catalogs[lang] ?? sv;
  return interpolate(lang, catalog[chosen] ?? sv[chosen] ?? chosen, params, (k) => catalog[k]);
}

/** `translate` with a count: the plural form the language's rules choose. */
export function translateCount(lang: Lang, key: MessageKey, count: number, params: Params = {}): string {
  return translate(lang, key, { ...params, count });
}

export function isMessageKey(key: string): key is MessageKey {
  return key in sv;
}

const STORAGE_KEY = 'noden.lang';

/** Swedish unless the user chose English on this device. */
export function storedLang(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Lang {
  return storage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'sv';
}

/** Whether the user chose a language on this device. */
export function hasStoredLang(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): boolean {
  return !!storage?.getItem(STORAGE_KEY);
}

export function storeLang(lang: Lang, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  storage?.setItem(STORAGE_KEY, lang);
}
