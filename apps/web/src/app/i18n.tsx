import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { I18nProvider } from 'react-aria-components';
import {
  isCatalogLoaded,
  type Lang,
  loadCatalog,
  type MessageKey,
  type Params,
  storedLang,
  storeLang,
  translate,
} from './i18n/catalog.js';

interface LanguageValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
}

const LanguageContext = createContext<LanguageValue | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => storedLang());
  const [ready, setReady] = useState(() => isCatalogLoaded(lang));
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    // Fetched once the first page shows, so switching language later is instant.
    const preload = () => void loadCatalog('en').catch(() => undefined);
    if ('requestIdleCallback' in window) window.requestIdleCallback(preload);
    else setTimeout(preload, 1000);
  }, []);
  useEffect(() => {
    // The first paint waits for the chosen catalogue rather than flashing the other language.
    if (!ready)
      void loadCatalog(lang).then(
        () => setReady(true),
        () => setLangState('sv'),
      );
  }, [lang, ready]);
  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    // The page stays in the current language until the next catalogue is here (a lost connection keeps it).
    void loadCatalog(next).then(
      () => setLangState(next),
      () => undefined,
    );
  }, []);
  const value = useMemo<LanguageValue>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  if (!ready) return null;
  return (
    <LanguageContext.Provider value={value}>
      <I18nProvider locale={lang === 'sv' ? 'sv-SE' : 'en-GB'}>{children}</I18nProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage outside LanguageProvider');
  return value;
}

/** The language the api should answer in (error messages). */
export function currentLang(): Lang {
  return storedLang();
}
