import { addDays, plusMonths, startOfCalendarDate } from '#core';

/** "To begin with after 12 and after 24 months" (S4:358-362). */
export const WAVES = [12, 24] as const;
export const REMIND_AFTER_DAYS = 14;
export const ESCALATE_AFTER_DAYS = 30;

export enum FollowUpStep {
  Open = 'open',
  Remind = 'remind',
  Escalate = 'escalate',
}

export function dueOnFor(goLiveOn: string, wave: number): string {
  return plusMonths(goLiveOn, wave);
}

/** A follow-up opens at the start of its due date in Sweden. */
export function openAt(dueOn: string): Date {
  return startOfCalendarDate(dueOn);
}

/**
 * Reminder and escalation count from the moment the follow-up actually opened, not from the due date: one
 * opened late (a go-live entered afterwards, a worker that was down) still gives the contact the full time.
 */
export function remindAt(openedAt: Date): Date {
  return addDays(openedAt, REMIND_AFTER_DAYS);
}

export function escalateAt(openedAt: Date): Date {
  return addDays(openedAt, ESCALATE_AFTER_DAYS);
}
