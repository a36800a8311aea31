import { describe, expect, it } from '@jest/globals';
import { canonicalJson, contentHash } from './protocol-snapshot.js';

describe('protocol snapshot hashing', () => {
  it('ignores key order and undefined values, keeps array order', () => {
    const a = { title: 'Nattillsyn', plan: { z: 1, a: [2, 1], skip: undefined }, at: new Date('2026-11-22T08:00:00Z') };
    const b = { at: '2026-11-22T08:00:00.000Z', plan: { a: [2, 1], z: 1 }, title: 'Nattillsyn' };
    expect(canonicalJson(a)).toBe('{"at":"2026-11-22T08:00:00.000Z","plan":{"a":[2,1],"z":1},"title":"Nattillsyn"}');
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any content changes', () => {
    expect(contentHash({ results: [{ met: true }] })).not.toBe(contentHash({ results: [{ met: false }] }));
    expect(contentHash({ list: [1, 2] })).not.toBe(contentHash({ list: [2, 1] }));
  });
});
