import { Global, Injectable, Module } from '@nestjs/common';

/** Noden's calendar: every calendar date (due dates, windows, validity, "today") is a date in Sweden. */
export const CALENDAR_TIME_ZONE = 'Europe/Stockholm';

const CALENDAR = new Intl.DateTimeFormat('en-CA', {
  timeZone: CALENDAR_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const CALENDAR_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: CALENDAR_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The calendar date in Sweden at an instant, `YYYY-MM-DD` (2026-12-15T23:00Z is already 2026-12-16). */
export function calendarDate(instant: Date): string {
  return CALENDAR.format(instant);
}

/** The instant a Swedish calendar date begins: 2026-12-16 begins at 2026-12-15T23:00Z, 2027-07-01 at 2027-06-30T22:00Z. */
export function startOfCalendarDate(isoDate: string): Date {
  const utcMidnight = new Date(`${isoDate}T00:00:00.000Z`);
  const parts = Object.fromEntries(CALENDAR_TIME.formatToParts(utcMidnight).map((p) => [p.type, p.value]));
  const wallClock = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  // Sweden changes offset at 01:00 UTC, never around midnight: the offset at UTC midnight is the one at local midnight.
  return new Date(utcMidnight.getTime() - (wallClock - utcMidnight.getTime()));
}

/** The only source of "now": tests replace it with a ManualClock and move time instead of sleeping. */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date in Sweden, `YYYY-MM-DD`: the one "today" for every rule that compares with a calendar date. */
  today(): string {
    return calendarDate(this.now());
  }
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class ManualClock extends Clock {
  private current: Date;

  constructor(start: Date | string = '2026-01-15T09:00:00.000Z') {
    super();
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}

@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class ClockModule {}

export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/**
 * The `YYYY-MM-DD` of a date built from a calendar date by date arithmetic (`addMonths(new Date('2026-01-31'), 1)`).
 * Not for "now" or any other instant: use `Clock.today()` or `calendarDate(instant)`.
 */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Adds whole days to a `YYYY-MM-DD` calendar date (2026-12-28 + 7 = 2027-01-04). */
export function plusDays(isoDate: string, days: number): string {
  return toIsoDate(addDays(new Date(`${isoDate}T00:00:00.000Z`), days));
}

/** Adds calendar months to a `YYYY-MM-DD` date, clamping to the month's last day (2027-08-31 − 6 months = 2027-02-28). */
export function plusMonths(isoDate: string, months: number): string {
  return toIsoDate(addMonths(new Date(`${isoDate}T00:00:00.000Z`), months));
}
