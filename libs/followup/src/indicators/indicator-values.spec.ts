import { describe, expect, it } from '@jest/globals';
import type { DomainError } from '#core';
import { validateIndicatorValues } from './indicator-values.js';
import { type Indicator, IndicatorType } from './indicator-set.entity.js';

const indicator = (key: string, type: IndicatorType, required = true, sortOrder = 1) =>
  ({ key, type, required, sortOrder }) as Indicator;
const SET = [
  indicator('users', IndicatorType.COUNT, true, 1),
  indicator('share', IndicatorType.PERCENT, false, 2),
  indicator('safety', IndicatorType.SCALE_1_5, true, 3),
  indicator('continued', IndicatorType.YES_NO, true, 4),
  indicator('lessons', IndicatorType.TEXT, false, 5),
];

function failure(values: unknown): { reason: string; field?: string; code: string } {
  try {
    validateIndicatorValues(SET, values);
  } catch (error) {
    const e = error as DomainError;
    return { reason: e.reason, field: e.details.field, code: e.code };
  }
  throw new Error('expected a validation error');
}

describe('indicator values', () => {
  const valid = { users: 3, safety: 4, continued: false };

  it('accepts values of the right type and range, trims texts and drops empty optional ones', () => {
    expect(validateIndicatorValues(SET, { ...valid, share: 12.5, lessons: '  ok ' })).toEqual({
      ...valid,
      share: 12.5,
      lessons: 'ok',
    });
    expect(validateIndicatorValues(SET, { ...valid, lessons: '   ', share: null })).toEqual(valid);
  });

  it.each([
    [{ ...valid, users: -1 }, 'input.values.users'],
    [{ ...valid, users: 2.5 }, 'input.values.users'],
    [{ ...valid, share: 101 }, 'input.values.share'],
    [{ ...valid, safety: 0 }, 'input.values.safety'],
    [{ ...valid, safety: '4' }, 'input.values.safety'],
    [{ ...valid, continued: 'yes' }, 'input.values.continued'],
    [{ ...valid, lessons: 5 }, 'input.values.lessons'],
  ])('refuses a wrong type or range: %j', (values, field) => {
    expect(failure(values)).toEqual({ reason: 'FOLLOWUP_INDICATOR_WRONG_TYPE', field, code: 'BAD_USER_INPUT' });
  });

  it('names the first missing required indicator and any unknown one', () => {
    expect(failure({ users: 3, continued: true })).toMatchObject({
      reason: 'FOLLOWUP_INDICATOR_REQUIRED',
      field: 'input.values.safety',
    });
    expect(failure({ ...valid, colour: 'blue' })).toMatchObject({
      reason: 'FOLLOWUP_UNKNOWN_INDICATOR',
      field: 'input.values.colour',
    });
    expect(failure([1, 2])).toMatchObject({ reason: 'FOLLOWUP_VALUES_NOT_OBJECT', field: 'input.values' });
  });
});
