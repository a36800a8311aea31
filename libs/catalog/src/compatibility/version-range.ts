import semver from 'semver';

/**
 * Version ranges of compatibility statements: semver-like (`>=2.1 <3`, `2.x`, `^2.1`, `7`, `*`), with partial
 * versions completed (`2.1` means any 2.1.x). Pre-releases take part in comparisons, so `<3` excludes
 * 3.0.0-beta. Pure functions: the service turns a `RangeProblem` into an error naming the field.
 */
const OPTIONS = { includePrerelease: true } as const;

export type RangeProblem = 'EMPTY' | 'UNPARSABLE' | 'UNSATISFIABLE';

export class VersionRange {
  private constructor(
    /** As entered (trimmed), shown back to users. */
    readonly text: string,
    readonly range: semver.Range,
  ) {}

  static parse(text: string | null | undefined): VersionRange | RangeProblem {
    const trimmed = (text ?? '').trim();
    if (!trimmed) return 'EMPTY';
    let range: semver.Range;
    try {
      range = new semver.Range(trimmed, OPTIONS);
    } catch {
      return 'UNPARSABLE';
    }
    // minVersion honours includePrerelease at run time; its typings only know `loose`.
    if (!semver.minVersion(range, OPTIONS as semver.Options)) return 'UNSATISFIABLE';
    return new VersionRange(trimmed, range);
  }

  /** For ranges already validated when they were stored. */
  static of(text: string): VersionRange {
    const parsed = VersionRange.parse(text);
    if (typeof parsed === 'string') throw new Error(`invalid stored version range ${text}: ${parsed}`);
    return parsed;
  }

  get isAny(): boolean {
    return this.range.range === '' || this.range.range === '*';
  }

  /** An unknown version (null) is only covered by `*`. */
  satisfiedBy(version: string | null | undefined): boolean {
    if (version == null) return this.isAny;
    const parsed = parseVersion(version);
    return parsed !== null && this.range.test(parsed);
  }

  overlaps(other: VersionRange): boolean {
    return semver.intersects(this.range, other.range, OPTIONS);
  }

  contains(other: VersionRange): boolean {
    return semver.subset(other.range, this.range, OPTIONS);
  }

  toString(): string {
    return this.text;
  }
}

/** `2.1` → 2.1.0, `2.0.0-beta.1` kept as a pre-release; null when it is not a version. */
export function parseVersion(version: string): semver.SemVer | null {
  if (!/^\s*v?\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?\s*$/.test(version)) return null;
  return semver.coerce(version, OPTIONS);
}

/**
 * Parses stored ranges once per request and remembers each range × version answer: a matrix tests tens of
 * thousands of statements against a few distinct ranges and versions.
 */
export class RangeCache {
  private readonly ranges = new Map<string, VersionRange>();
  private readonly answers = new Map<string, Map<string | null, boolean>>();

  satisfies(rangeText: string, version: string | null): boolean {
    let byVersion = this.answers.get(rangeText);
    if (!byVersion) {
      byVersion = new Map();
      this.answers.set(rangeText, byVersion);
    }
    let answer = byVersion.get(version);
    if (answer === undefined) {
      answer = this.get(rangeText).satisfiedBy(version);
      byVersion.set(version, answer);
    }
    return answer;
  }

  get(text: string): VersionRange {
    let range = this.ranges.get(text);
    if (!range) {
      range = VersionRange.of(text);
      this.ranges.set(text, range);
    }
    return range;
  }
}
