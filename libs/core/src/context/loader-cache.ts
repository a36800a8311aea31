import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders: one loader per key, created on first use and dropped with the request,
 * so a page of N items resolves each relation in one statement.
 */
export class LoaderCache {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(key, loader);
    }
    return loader;
  }

  /** A loader whose batch returns rows in any order: they are matched back to the keys by `keyOf`. */
  byKey<K, V>(
    key: string,
    fetch: (keys: readonly K[]) => Promise<readonly V[]>,
    keyOf: (row: V) => K,
  ): DataLoader<K, V | null> {
    return this.get<K, V | null>(key, async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map(rows.map((row) => [keyOf(row), row]));
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }

  /** A loader for one-to-many relations: each key gets the (possibly empty) list of its rows. */
  manyByKey<K, V>(
    key: string,
    fetch: (keys: readonly K[]) => Promise<readonly V[]>,
    keyOf: (row: V) => K,
  ): DataLoader<K, V[]> {
    return this.get<K, V[]>(key, async (keys) => {
      const rows = await fetch(keys);
      const grouped = new Map<K, V[]>();
      for (const row of rows) {
        const k = keyOf(row);
        const list = grouped.get(k);
        if (list) list.push(row);
        else grouped.set(k, [row]);
      }
      return keys.map((k) => grouped.get(k) ?? []);
    });
  }

  clear(): void {
    this.loaders.clear();
  }
}
