import { defineTransitions } from '#core';
import { TestProtocolStatus as S } from './testbed.enums.js';

/**
 * The lifecycle. SUBMITTED_FOR_REVIEW is reached only by submitting (which freezes a version) and DECIDED only
 * by the steering group's quorum; going back to COMPLETED reopens a submitted or decided protocol, and its next
 * submission becomes a new version that needs a new review.
 */
export const ProtocolTransitions = defineTransitions<S>({
  [S.DRAFT]: [S.RUNNING, S.WITHDRAWN],
  [S.RUNNING]: [S.COMPLETED, S.WITHDRAWN],
  [S.COMPLETED]: [S.SUBMITTED_FOR_REVIEW, S.WITHDRAWN],
  [S.SUBMITTED_FOR_REVIEW]: [S.DECIDED, S.COMPLETED],
  [S.DECIDED]: [S.COMPLETED],
  [S.WITHDRAWN]: [],
});

/** Statuses no user sets through `changeTestProtocolStatus`. */
export const SYSTEM_STATUSES: readonly S[] = [S.SUBMITTED_FOR_REVIEW, S.DECIDED];

/** A change to a submitted or decided protocol reopens it (back to COMPLETED). */
export const FROZEN_STATUSES: readonly S[] = [S.SUBMITTED_FOR_REVIEW, S.DECIDED];

/** Participants, observations, deviations, faults and results are recorded while running or after. */
export const ACTIVITY_STATUSES: readonly S[] = [S.RUNNING, S.COMPLETED];
