import { describe, expect, it } from '@jest/globals';
import { calendarDate, ManualClock, startOfCalendarDate } from './clock.js';

describe("Noden's calendar is Sweden's", () => {
  it("turns the date at Swedish midnight, not at UTC's", () => {
    expect(calendarDate(new Date('2026-11-22T22:59:59Z'))).toBe('2026-11-22');
    expect(calendarDate(new Date('2026-11-22T23:00:00Z'))).toBe('2026-11-23');
    expect(calendarDate(new Date('2027-06-30T21:59:59Z'))).toBe('2027-06-30');
    expect(calendarDate(new Date('2027-06-30T22:00:00Z'))).toBe('2027-07-01');
  });

  it('gives today by the clock', () => {
    const clock = new ManualClock('2026-11-22T23:30:00Z');
    expect(clock.today()).toBe('2026-11-23');
    clock.set('2026-12-31T22:59:00Z');
    expect(clock.today()).toBe('2026-12-31');
    clock.advance(60_000);
    expect(clock.today()).toBe('2027-01-01');
  });

  it('knows when a Swedish date begins, in winter, in summer and on the days the clocks change', () => {
    expect(startOfCalendarDate('2026-12-16').toISOString()).toBe('2026-12-15T23:00:00.000Z');
    expect(startOfCalendarDate('2027-07-01').toISOString()).toBe('2027-06-30T22:00:00.000Z');
    // Summer time starts 2027-03-28 at 02:00 and ends 2027-10-31 at 03:00, after midnight both times.
    expect(startOfCalendarDate('2027-03-28').toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(startOfCalendarDate('2027-03-29').toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(startOfCalendarDate('2027-10-31').toISOString()).toBe('2027-10-30T22:00:00.000Z');
    expect(startOfCalendarDate('2027-11-01').toISOString()).toBe('2027-10-31T23:00:00.000Z');
    for (const date of ['2026-01-01', '2027-03-28', '2027-10-31', '2028-02-29']) {
      expect(calendarDate(startOfCalendarDate(date))).toBe(date);
      expect(calendarDate(new Date(startOfCalendarDate(date).getTime() - 1))).not.toBe(date);
    }
  });
});
