import { useCallback, useEffect, useRef, useState } from 'react';

/** Reads a saved draft, keeping only the keys the form has (an older app version may have saved others). */
export function readDraft<T extends Record<string, unknown>>(
  storage: Pick<Storage, 'getItem'> | undefined,
  key: string,
  initial: T,
): T {
  try {
    const saved = JSON.parse(storage?.getItem(key) ?? 'null') as Partial<T> | null;
    if (!saved || typeof saved !== 'object') return initial;
    const merged = { ...initial };
    for (const name of Object.keys(initial) as (keyof T)[]) {
      if (name in saved && typeof saved[name] === typeof initial[name]) merged[name] = saved[name] as T[keyof T];
    }
    return merged;
  } catch {
    return initial;
  }
}

/**
 * A form's values, kept in this tab's sessionStorage while the user types: a failed request, a reload or a lost
 * connection never costs what was written. `clear()` after the api accepted it.
 */
export function useDraft<T extends Record<string, unknown>>(key: string, initial: T) {
  const storageKey = `noden.draft.${key}`;
  const [values, setValues] = useState<T>(() => readDraft(globalThis.sessionStorage, storageKey, initial));
  useEffect(() => {
    globalThis.sessionStorage?.setItem(storageKey, JSON.stringify(values));
  }, [storageKey, values]);
  const set = useCallback(<K extends keyof T>(name: K, value: T[K]) => setValues((v) => ({ ...v, [name]: value })), []);
  const update = useCallback((change: Partial<T>) => setValues((v) => ({ ...v, ...change })), []);
  // The values the form started from: callers pass a new object on every render.
  const start = useRef(initial);
  const clear = useCallback(() => {
    globalThis.sessionStorage?.removeItem(storageKey);
    setValues(start.current);
  }, [storageKey]);
  return { values, set, update, clear };
}

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
