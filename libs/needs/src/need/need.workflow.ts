import { defineTransitions } from '#core';
import { NeedStatus } from './need.enums.js';

const { NEW, TRIAGED, IN_TEST, IN_PROCUREMENT, ADDRESSED, DECLINED, MERGED } = NeedStatus;

/**
 * The node's workflow (docs/DOMAIN.md "Needs"). A test or procurement that ends without an answer sends the
 * need back to TRIAGED; an addressed or declined need can be reopened (a follow-up shows it is not met);
 * only needs not yet taken into a test or procurement can be merged; MERGED is final.
 */
export const NeedTransitions = defineTransitions<NeedStatus>({
  NEW: [TRIAGED, DECLINED, MERGED],
  TRIAGED: [IN_TEST, IN_PROCUREMENT, ADDRESSED, DECLINED, MERGED],
  IN_TEST: [IN_PROCUREMENT, ADDRESSED, DECLINED, TRIAGED],
  IN_PROCUREMENT: [ADDRESSED, DECLINED, TRIAGED],
  ADDRESSED: [TRIAGED],
  DECLINED: [TRIAGED],
  MERGED: [],
});

/** Statuses that need a reason (docs/DOMAIN.md: the reporter is told why). */
export function reasonRequired(to: NeedStatus): boolean {
  return to === DECLINED || to === MERGED;
}

/**
 * The steps a later domain's event moves a need along (e.g. a test that answers it → IN_TEST): the direct
 * transition when legal, through TRIAGED when the need is still NEW (linking it is a triage), otherwise
 * nothing (the need is already further along, or closed).
 */
export function advancePath(from: NeedStatus, to: NeedStatus): NeedStatus[] {
  if (from === to || to === MERGED) return [];
  if (NeedTransitions.can(from, to)) return [to];
  if (from === NEW && to !== TRIAGED && NeedTransitions.can(TRIAGED, to)) return [TRIAGED, to];
  return [];
}
