import { describe, expect, it } from '@jest/globals';
import { ProcurementStatus as S } from './procurement.enums.js';
import { calendarDate as stockholmDate, plusDays, plusMonths } from '#core';
import { ProcurementTransitions } from './procurement.workflow.js';

describe('procurement workflow and calendar rules', () => {
  it('allows the lifecycle in order and CANCELLED from every non-final state', () => {
    expect(ProcurementTransitions.can(S.PLANNED, S.OPEN_FOR_PARTICIPATION)).toBe(true);
    expect(ProcurementTransitions.can(S.OPEN_FOR_PARTICIPATION, S.ACTIVE)).toBe(false);
    for (const from of [S.PLANNED, S.OPEN_FOR_PARTICIPATION, S.TENDERING, S.AWARDED, S.ACTIVE])
      expect(ProcurementTransitions.can(from, S.CANCELLED)).toBe(true);
    expect(ProcurementTransitions.allowedFrom(S.EXPIRED)).toEqual([]);
    expect(() => ProcurementTransitions.assert(S.CANCELLED, S.PLANNED)).toThrow(/Allowed: —/);
  });

  it('takes the calendar day in Stockholm, across summer and winter time', () => {
    expect(stockholmDate(new Date('2026-12-15T22:59:59Z'))).toBe('2026-12-15');
    expect(stockholmDate(new Date('2026-12-15T23:00:00Z'))).toBe('2026-12-16');
    expect(stockholmDate(new Date('2027-06-30T21:59:59Z'))).toBe('2027-06-30');
    expect(stockholmDate(new Date('2027-06-30T22:00:00Z'))).toBe('2027-07-01');
  });

  it('adds days and months to calendar dates, clamping month ends', () => {
    expect(plusDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(plusMonths('2028-12-31', -6)).toBe('2028-06-30');
    expect(plusMonths('2027-08-31', -6)).toBe('2027-02-28');
    expect(plusMonths('2028-12-31', 12)).toBe('2029-12-31');
  });
});
