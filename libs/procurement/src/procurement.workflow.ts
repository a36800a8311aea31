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
