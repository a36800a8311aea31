import { CoreError } from '../errors/domain-error.js';

export interface Transitions<S extends string> {
  allowedFrom(from: S): readonly S[];
  can(from: S, to: S): boolean;
  /** Throws CONFLICT naming the statuses that are allowed from `from`. */
  assert(from: S, to: S, field?: string): void;
}

/** A status workflow as data: `defineTransitions({ NEW: ['TRIAGED', 'DECLINED'], ... })`. */
export function defineTransitions<S extends string>(map: Record<S, readonly S[]>): Transitions<S> {
  return {
    allowedFrom: (from) => map[from] ?? [],
    can: (from, to) => (map[from] ?? []).includes(to),
    assert(from, to, field = 'status') {
      const allowed = map[from] ?? [];
      if (!allowed.includes(to)) {
        throw CoreError.TRANSITION_NOT_ALLOWED({
          field,
          params: { from, to, allowed: allowed.length ? allowed : ['—'] },
        });
      }
    },
  };
}
