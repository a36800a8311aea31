import { describe, expect, it } from '@jest/globals';
import { parseVersion, RangeCache, VersionRange } from './version-range.js';

const range = (text: string) => VersionRange.of(text);

describe('VersionRange', () => {
  it('parses comparator sets, x-ranges, carets, bare partial versions and *', () => {
    for (const text of ['>=2.1 <3', '2.x', '^2.1', '7', '2.1', '*', 'x', '>=1.0.0-beta <2', '1.2.3 || 2.x']) {
      expect(VersionRange.parse(text)).toBeInstanceOf(VersionRange);
    }
    expect(range('  >=2.1 <3 ').text).toBe('>=2.1 <3');
  });

  it('refuses empty, unparsable and inverted ranges with the reason', () => {
    expect(VersionRange.parse('')).toBe('EMPTY');
    expect(VersionRange.parse('   ')).toBe('EMPTY');
    expect(VersionRange.parse(null)).toBe('EMPTY');
    expect(VersionRange.parse('latest')).toBe('UNPARSABLE');
    expect(VersionRange.parse('>=2..1')).toBe('UNPARSABLE');
    expect(VersionRange.parse('>=3 <2')).toBe('UNSATISFIABLE');
    expect(VersionRange.parse('>=2 <2')).toBe('UNSATISFIABLE');
    expect(VersionRange.parse('>2.1.0 <2.1.1-0')).toBe('UNSATISFIABLE');
  });

  it('tests versions, completing partial ones', () => {
    expect(range('>=2.1 <3').satisfiedBy('2.1')).toBe(true);
    expect(range('>=2.1 <3').satisfiedBy('2.9.14')).toBe(true);
    expect(range('>=2.1 <3').satisfiedBy('2.0.9')).toBe(false);
    expect(range('>=2.1 <3').satisfiedBy('3')).toBe(false);
    expect(range('2.x').satisfiedBy('2')).toBe(true);
    expect(range('7').satisfiedBy('7.4')).toBe(true);
    expect(range('7').satisfiedBy('8')).toBe(false);
    expect(range('2.1').satisfiedBy('2.1.7')).toBe(true);
    expect(range('2.1').satisfiedBy('2.10')).toBe(false);
  });

  it('orders pre-releases below their release: a partial bound takes in the pre-releases of that version', () => {
    expect(range('>=2.1 <3').satisfiedBy('3.0.0-beta.1')).toBe(false);
    expect(range('>=3').satisfiedBy('3.0.0-rc.1')).toBe(true);
    expect(range('>=3.0.0').satisfiedBy('2.9.9')).toBe(false);
  });

  it('covers an unknown or malformed version only with *', () => {
    expect(range('*').satisfiedBy(null)).toBe(true);
    expect(range('x').satisfiedBy(undefined)).toBe(true);
    expect(range('>=1').satisfiedBy(null)).toBe(false);
    expect(range('*').satisfiedBy('latest')).toBe(false);
    expect(range('*').satisfiedBy('1.2.3.4')).toBe(false);
  });

  it('detects overlap, including touching bounds and unions', () => {
    expect(range('>=2.1 <3').overlaps(range('2.x'))).toBe(true);
    expect(range('>=2.1 <3').overlaps(range('>=3'))).toBe(false);
    expect(range('<=3').overlaps(range('>=3'))).toBe(true);
    expect(range('1.x || 3.x').overlaps(range('2.x'))).toBe(false);
    expect(range('1.x || 3.x').overlaps(range('>=3.5'))).toBe(true);
    expect(range('*').overlaps(range('7'))).toBe(true);
  });

  it('detects containment', () => {
    expect(range('>=2.1 <3').contains(range('2.5.x'))).toBe(true);
    expect(range('2.x').contains(range('>=2.1 <3'))).toBe(true);
    expect(range('>=2.1 <3').contains(range('2.x'))).toBe(false);
    expect(range('*').contains(range('>=9'))).toBe(true);
    expect(range('7').contains(range('*'))).toBe(false);
    expect(range('7').contains(range('7'))).toBe(true);
  });
});

describe('parseVersion', () => {
  it('completes partial versions and rejects what is not a version', () => {
    expect(parseVersion('2.1')?.version).toBe('2.1.0');
    expect(parseVersion('2.0.0-beta.1')?.version).toBe('2.0.0-beta.1');
    expect(parseVersion('latest')).toBeNull();
    expect(parseVersion('')).toBeNull();
  });
});

describe('RangeCache', () => {
  it('parses each distinct text once', () => {
    const cache = new RangeCache();
    expect(cache.get('2.x')).toBe(cache.get('2.x'));
    expect(() => cache.get('>=3 <2')).toThrow();
  });
});

describe('RangeCache.satisfies', () => {
  it('answers like the range and keeps null apart from an empty version', () => {
    const cache = new RangeCache();
    expect(cache.satisfies('>=2.1 <3', '2.5')).toBe(true);
    expect(cache.satisfies('>=2.1 <3', '2.5')).toBe(true);
    expect(cache.satisfies('>=2.1 <3', '3')).toBe(false);
    expect(cache.satisfies('*', null)).toBe(true);
    expect(cache.satisfies('*', '')).toBe(false);
  });
});
