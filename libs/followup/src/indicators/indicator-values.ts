import type { IndicatorValue } from '../follow-up/follow-up.entity.js';
import { FollowUpError } from '../followup.errors.js';
import { type Indicator, IndicatorType } from './indicator-set.entity.js';

export const MAX_TEXT_VALUE = 5000;
export const MAX_COUNT_VALUE = 1_000_000_000;

const EXPECTED: Record<IndicatorType, { sv: string; en: string }> = {
  [IndicatorType.COUNT]: { sv: 'ett heltal från 0', en: 'a whole number from 0' },
  [IndicatorType.PERCENT]: { sv: 'ett tal från 0 till 100', en: 'a number from 0 to 100' },
  [IndicatorType.SCALE_1_5]: { sv: 'ett heltal från 1 till 5', en: 'a whole number from 1 to 5' },
  [IndicatorType.YES_NO]: { sv: 'ja eller nej (true/false)', en: 'yes or no (true/false)' },
  [IndicatorType.TEXT]: {
    sv: `en text på högst ${MAX_TEXT_VALUE} tecken`,
    en: `a text of at most ${MAX_TEXT_VALUE} characters`,
  },
};

function fits(type: IndicatorType, value: unknown): boolean {
  switch (type) {
    case IndicatorType.COUNT:
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COUNT_VALUE;
    case IndicatorType.PERCENT:
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
    case IndicatorType.SCALE_1_5:
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5;
    case IndicatorType.YES_NO:
      return typeof value === 'boolean';
    case IndicatorType.TEXT:
      return typeof value === 'string' && value.length <= MAX_TEXT_VALUE && !value.includes('\u0000');
  }
}

/**
 * Checks answer values against the indicator set: every key known, every value of its type and range, every
 * required indicator given. Errors name the field, e.g. `input.values.perceivedSafety`. Returns the values to
 * store (empty texts dropped, texts trimmed).
 */
export function validateIndicatorValues(
  indicators: readonly Indicator[],
  values: unknown,
  field = 'input.values',
): Record<string, IndicatorValue> {
  if (!values || typeof values !== 'object' || Array.isArray(values)) throw FollowUpError.VALUES_NOT_OBJECT({ field });
  const byKey = new Map(indicators.map((i) => [i.key, i]));
  const result: Record<string, IndicatorValue> = {};
  for (const [key, raw] of Object.entries(values as Record<string, unknown>)) {
    const indicator = byKey.get(key);
    if (!indicator) throw FollowUpError.UNKNOWN_INDICATOR({ field: `${field}.${key}`, params: { key } });
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === null || value === undefined || value === '') continue;
    if (!fits(indicator.type, value)) {
      const expected = EXPECTED[indicator.type];
      throw FollowUpError.INDICATOR_WRONG_TYPE({
        field: `${field}.${key}`,
        params: { key, expectedSv: expected.sv, expectedEn: expected.en },
      });
    }
    result[key] = value as IndicatorValue;
  }
  for (const indicator of [...indicators].sort((a, b) => a.sortOrder - b.sortOrder)) {
    if (indicator.required && !(indicator.key in result)) {
      throw FollowUpError.INDICATOR_REQUIRED({ field: `${field}.${indicator.key}`, params: { key: indicator.key } });
    }
  }
  return result;
}
