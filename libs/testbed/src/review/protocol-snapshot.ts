import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and no undefined values, so the same content always gives
 * the same text, and so the same hash, whatever order the rows or keys came in. Arrays keep their order:
 * the snapshot builder sorts them.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalize(v)));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[key];
      if (inner !== undefined) out[key] = normalize(inner);
    }
    return out;
  }
  return value;
}

/** SHA-256 (hex) over the canonical JSON: the content hash of a frozen protocol version. */
export function contentHash(snapshot: unknown): string {
  return createHash('sha256').update(canonicalJson(snapshot), 'utf8').digest('hex');
}
