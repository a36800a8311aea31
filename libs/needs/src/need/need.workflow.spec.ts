import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#core';
import { NeedStatus } from './need.enums.js';
import { NeedTransitions, advancePath, reasonRequired } from './need.workflow.js';

describe('need workflow', () => {
  it('allows the documented edges and names the allowed ones on an illegal transition', () => {
    expect(NeedTransitions.can(NeedStatus.NEW, NeedStatus.TRIAGED)).toBe(true);
    expect(NeedTransitions.can(NeedStatus.IN_TEST, NeedStatus.IN_PROCUREMENT)).toBe(true);
    expect(NeedTransitions.can(NeedStatus.MERGED, NeedStatus.TRIAGED)).toBe(false);
    let error: unknown;
    try {
      NeedTransitions.assert(NeedStatus.NEW, NeedStatus.ADDRESSED, 'input.status');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('CONFLICT');
    expect((error as DomainError).details).toMatchObject({
      field: 'input.status',
      params: { allowed: ['TRIAGED', 'DECLINED', 'MERGED'] },
    });
  });

  it('requires a reason to decline or merge', () => {
    expect(reasonRequired(NeedStatus.DECLINED)).toBe(true);
    expect(reasonRequired(NeedStatus.MERGED)).toBe(true);
    expect(reasonRequired(NeedStatus.TRIAGED)).toBe(false);
  });

  it('advances a need directly, through triage when NEW, and never backwards or out of a final state', () => {
    expect(advancePath(NeedStatus.TRIAGED, NeedStatus.IN_TEST)).toEqual([NeedStatus.IN_TEST]);
    expect(advancePath(NeedStatus.NEW, NeedStatus.IN_TEST)).toEqual([NeedStatus.TRIAGED, NeedStatus.IN_TEST]);
    expect(advancePath(NeedStatus.NEW, NeedStatus.TRIAGED)).toEqual([NeedStatus.TRIAGED]);
    expect(advancePath(NeedStatus.IN_PROCUREMENT, NeedStatus.IN_TEST)).toEqual([]);
    expect(advancePath(NeedStatus.IN_TEST, NeedStatus.IN_TEST)).toEqual([]);
    expect(advancePath(NeedStatus.MERGED, NeedStatus.ADDRESSED)).toEqual([]);
    expect(advancePath(NeedStatus.TRIAGED, NeedStatus.MERGED)).toEqual([]);
  });
});
