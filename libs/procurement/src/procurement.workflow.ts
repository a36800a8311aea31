import { defineTransitions } from '#core';
import { ProcurementStatus as S } from './procurement.enums.js';

/** CANCELLED is reachable from every non-final state; EXPIRED and CANCELLED are final. */
export const ProcurementTransitions = defineTransitions<S>({
  [S.PLANNED]: [S.OPEN_FOR_PARTICIPATION, S.CANCELLED],
  [S.OPEN_FOR_PARTICIPATION]: [S.TENDERING, S.CANCELLED],
  [S.TENDERING]: [S.AWARDED, S.CANCELLED],
  [S.AWARDED]: [S.ACTIVE, S.CANCELLED],
  [S.ACTIVE]: [S.EXPIRED, S.CANCELLED],
  [S.EXPIRED]: [],
  [S.CANCELLED]: [],
});

/** States in which an agreement exists and has not ended. */
export const AGREEMENT_IN_FORCE: readonly S[] = [S.AWARDED, S.ACTIVE];

/** Adds whole days to a `YYYY-MM-DD` date. */
export function plusDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds calendar months to a `YYYY-MM-DD` date, clamping to the month's last day (2027-08-31 − 6 months = 2027-02-28). */
export function plusMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}
