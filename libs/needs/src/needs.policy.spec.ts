import { describe, expect, it } from '@jest/globals';
import { DomainError, OrganizationKind, RequestContext, Role } from '#core';
import { NeedStatus } from './need/need.enums.js';
import { CoachPolicy, NeedPolicy } from './needs.policy.js';

const FLEN = 'f1e00000-0000-4000-8000-000000000000';
const NYKOPING = 'a0480000-0000-4000-8000-000000000000';
const NODE = 'a0de0000-0000-4000-8000-000000000000';

function ctx(organizationId: string, roles: Role[], userId = '00000000-0000-4000-8000-00000000000a'): RequestContext {
  const kind = organizationId === NODE ? OrganizationKind.NODE : OrganizationKind.MUNICIPALITY;
  return new RequestContext({ userId, organizationId, organizationKind: kind, roles });
}

const withStatus = <T extends object>(need: T, status: NeedStatus) => ({ ...need, status });

describe('NeedPolicy', () => {
  const fresh = { status: NeedStatus.NEW, organizationId: FLEN, publishedAt: null };
  const triaged = { status: NeedStatus.TRIAGED, organizationId: FLEN, publishedAt: new Date('2026-01-02T08:00:00Z') };

  it('shows a NEW need to its own organisation and node staff only', () => {
    expect(NeedPolicy.canSee(ctx(FLEN, [Role.TECH_COACH]), fresh)).toBe(true);
    expect(NeedPolicy.canSee(ctx(NODE, [Role.NODE_STAFF]), fresh)).toBe(true);
    expect(NeedPolicy.canSee(ctx(NYKOPING, [Role.MUNICIPALITY_COORDINATOR]), fresh)).toBe(false);
    expect(() => NeedPolicy.assertCanSee(ctx(NYKOPING, [Role.VIEWER]), fresh, 'input.needId')).toThrow(DomainError);
  });

  it('shows a need to every member once triaged, whatever its status later, merged ones included', () => {
    expect(NeedPolicy.canSee(ctx(NYKOPING, [Role.VIEWER]), triaged)).toBe(true);
    expect(NeedPolicy.canSee(ctx(NYKOPING, [Role.VIEWER]), withStatus(triaged, NeedStatus.MERGED))).toBe(true);
    expect(NeedPolicy.canSee(ctx(NYKOPING, [Role.VIEWER]), withStatus(triaged, NeedStatus.DECLINED))).toBe(true);
  });

  it('keeps a need declined or merged straight from NEW private: it was never triaged', () => {
    expect(NeedPolicy.canSee(ctx(NYKOPING, [Role.VIEWER]), withStatus(fresh, NeedStatus.DECLINED))).toBe(false);
    expect(NeedPolicy.canSee(ctx(NYKOPING, [Role.VIEWER]), withStatus(fresh, NeedStatus.MERGED))).toBe(false);
    expect(NeedPolicy.canSee(ctx(FLEN, [Role.VIEWER]), withStatus(fresh, NeedStatus.DECLINED))).toBe(true);
  });

  it('leaves the workflow to node staff', () => {
    expect(() => NeedPolicy.assertRunsWorkflow(ctx(FLEN, [Role.TECH_COACH, Role.MUNICIPALITY_COORDINATOR]))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => NeedPolicy.assertRunsWorkflow(ctx(NODE, [Role.NODE_STAFF]))).not.toThrow();
  });
});

describe('CoachPolicy', () => {
  const coachUser = '00000000-0000-4000-8000-0000000000c0';
  const profile = { userId: coachUser, organizationId: FLEN };

  it('lets a TECH_COACH register themself, a coordinator a colleague, node staff anyone', () => {
    expect(() =>
      CoachPolicy.assertRegisters(ctx(FLEN, [Role.TECH_COACH], coachUser), { id: coachUser, organizationId: FLEN }),
    ).not.toThrow();
    expect(() =>
      CoachPolicy.assertRegisters(ctx(FLEN, [Role.VIEWER], coachUser), { id: coachUser, organizationId: FLEN }),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() =>
      CoachPolicy.assertRegisters(ctx(FLEN, [Role.MUNICIPALITY_COORDINATOR]), { id: coachUser, organizationId: FLEN }),
    ).not.toThrow();
    expect(() =>
      CoachPolicy.assertRegisters(ctx(FLEN, [Role.TECH_COACH]), { id: coachUser, organizationId: FLEN }),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() =>
      CoachPolicy.assertRegisters(ctx(NODE, [Role.NODE_STAFF]), { id: coachUser, organizationId: FLEN }),
    ).not.toThrow();
  });

  it('lets the coach (whoever registered them), a coordinator of the organisation and node staff manage a profile', () => {
    expect(() => CoachPolicy.assertManages(ctx(FLEN, [Role.TECH_COACH], coachUser), profile)).not.toThrow();
    expect(() => CoachPolicy.assertManages(ctx(FLEN, [Role.VIEWER], coachUser), profile)).not.toThrow();
    expect(() => CoachPolicy.assertManages(ctx(FLEN, [Role.MUNICIPALITY_COORDINATOR]), profile)).not.toThrow();
    expect(() => CoachPolicy.assertManages(ctx(NODE, [Role.NODE_STAFF]), profile)).not.toThrow();
  });

  it("refuses a colleague without the role and another organisation's coordinator", () => {
    expect(() => CoachPolicy.assertManages(ctx(FLEN, [Role.TECH_COACH]), profile)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => CoachPolicy.assertManages(ctx(NYKOPING, [Role.MUNICIPALITY_COORDINATOR]), profile)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
});
