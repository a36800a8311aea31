import { describe, expect, it } from '@jest/globals';
import { dueOnFor, escalateAt, openAt, remindAt } from './follow-up-schedule.js';

describe('follow-up schedule', () => {
  it('is due 12 and 24 months after go-live, on the last day of a shorter month', () => {
    expect(dueOnFor('2025-03-15', 12)).toBe('2026-03-15');
    expect(dueOnFor('2025-03-15', 24)).toBe('2027-03-15');
    expect(dueOnFor('2028-02-29', 12)).toBe('2029-02-28');
    expect(dueOnFor('2025-01-31', 24)).toBe('2027-01-31');
  });

  it('opens at the start of the due date in Sweden; reminds 14 and escalates 30 days after it actually opened', () => {
    expect(openAt('2026-03-15').toISOString()).toBe('2026-03-14T23:00:00.000Z');
    expect(openAt('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    const opened = new Date('2026-05-01T10:00:00.000Z');
    expect(remindAt(opened).toISOString()).toBe('2026-05-15T10:00:00.000Z');
    expect(escalateAt(opened).toISOString()).toBe('2026-05-31T10:00:00.000Z');
  });
});
