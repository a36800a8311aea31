import { describe, expect, it } from '@jest/globals';
import { AppConfig, ConfigError } from '../config/app-config.js';
import { RequestContext } from '../context/request-context.js';
import { Role } from '../auth/role.js';
import { OrganizationKind } from '../organizations/organization.entity.js';
import { SmallNumbers, SuppressionReason } from './small-numbers.js';

const ENV = {
  DATABASE_URL: 'postgres://x@127.0.0.1/x',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
};
const [FLEN, NYKOPING, KATRINEHOLM, NODE] = ['f1e0', 'a480', 'a483', 'a0de'].map(
  (p) => `${p}0000-0000-4000-8000-000000000000`,
);

function ctx(organizationId: string, roles: Role[] = [Role.VIEWER], lang: 'sv' | 'en' = 'sv'): RequestContext {
  const kind = organizationId === NODE ? OrganizationKind.NODE : OrganizationKind.MUNICIPALITY;
  return new RequestContext(
    { userId: '00000000-0000-4000-8000-00000000000a', organizationId, organizationKind: kind, roles },
    undefined,
    lang,
  );
}

describe('SmallNumbers', () => {
  const rule = new SmallNumbers(AppConfig.fromEnv(ENV));

  it('reads both minimums from the environment, 3 organisations and 5 people by default, and refuses bad values', () => {
    expect([rule.minOrganizations, rule.minPeople]).toEqual([3, 5]);
    const custom = AppConfig.fromEnv({ ...ENV, PRIVACY_MIN_ORGANIZATIONS: '4', PRIVACY_MIN_PEOPLE: '10' });
    expect([custom.privacyMinOrganizations, custom.privacyMinPeople]).toEqual([4, 10]);
    expect(() => AppConfig.fromEnv({ ...ENV, PRIVACY_MIN_ORGANIZATIONS: '0' })).toThrow(ConfigError);
    expect(() => AppConfig.fromEnv({ ...ENV, PRIVACY_MIN_PEOPLE: 'fem' })).toThrow(/PRIVACY_MIN_PEOPLE/);
  });

  it('withholds an aggregate over too few organisations from others, not from node staff or the only organisation', () => {
    expect(rule.check(ctx(NYKOPING), { organizationIds: [FLEN, KATRINEHOLM] })).toMatchObject({
      reason: SuppressionReason.TOO_FEW_ORGANIZATIONS,
      minimum: 3,
    });
    expect(rule.check(ctx(FLEN), { organizationIds: [FLEN, KATRINEHOLM] })?.reason).toBe(
      SuppressionReason.TOO_FEW_ORGANIZATIONS,
    );
    expect(rule.check(ctx(FLEN), { organizationIds: [FLEN, FLEN] })).toBeNull();
    expect(rule.check(ctx(NODE, [Role.NODE_STAFF]), { organizationIds: [FLEN] })).toBeNull();
    expect(rule.check(ctx(NYKOPING), { organizationIds: [FLEN, KATRINEHOLM, NODE] })).toBeNull();
  });

  it('withholds counts of 1 to 4 people, shows 0 and 5', () => {
    const three = [FLEN, KATRINEHOLM, NODE];
    expect(rule.people(ctx(NYKOPING), three, 4)).toBeNull();
    expect(rule.people(ctx(NYKOPING), three, 5)).toBe(5);
    expect(rule.people(ctx(NYKOPING), three, 0)).toBe(0);
    expect(rule.check(ctx(NYKOPING, [Role.VIEWER], 'en'), { organizationIds: three, people: 1 })?.message).toBe(
      'Fewer than 5 people – not shown so that no one can be identified.',
    );
  });

  describe('a table of people per group with its total', () => {
    const SOME = ['b480', 'b481', 'b482', 'b483'].map((p) => `${p}0000-0000-4000-8000-000000000000`);
    const groups = (...people: number[]) => people.map((n, i) => ({ organizationIds: [SOME[i]], people: n }));
    const shown = (t: ReturnType<SmallNumbers['table']>) => t.cells.map((c) => c.people);

    it('withholds only groups of 1 to 4 people, shows 0 as 0, and counts the withheld ones into the rest', () => {
      const table = rule.table(ctx(NYKOPING), groups(0, 3, 2, 40));
      expect(shown(table)).toEqual([0, null, null, 40]);
      expect(table.rest).toEqual({ groups: 2, people: 5 });
      expect(table.total).toBe(45);
      expect(table.cells[1].suppression?.message).toBe(
        'Färre än 5 personer – visas inte för att ingen ska kunna pekas ut.',
      );
    });

    it('adds the smallest other group to the rest when one withheld group would be revealed by subtraction', () => {
      const table = rule.table(ctx(NYKOPING), groups(3, 12, 40, 0));
      expect(shown(table)).toEqual([null, null, 40, 0]);
      expect(table.cells[1].suppression?.reason).toBe(SuppressionReason.REVEALS_FEW_PEOPLE);
      expect(table.rest).toEqual({ groups: 2, people: 15 });
      expect(table.total).toBe(55);
      expect((table.total ?? 0) - 40 - 0).toBe(table.rest.people);
    });

    it('withholds the rest and the total when no other group can hide a small one', () => {
      const table = rule.table(ctx(NYKOPING), groups(0, 3, 0, 0));
      expect(shown(table)).toEqual([0, null, 0, 0]);
      expect(table.rest.people).toBeNull();
      expect(table.total).toBeNull();
      expect(table.suppression?.reason).toBe(SuppressionReason.REVEALS_FEW_PEOPLE);
    });

    it('shows a group in full to its own organisation and to node staff, and never hides a small one behind it', () => {
      const own = rule.table(ctx(SOME[1]), groups(0, 3, 2, 40));
      expect(shown(own)).toEqual([0, 3, null, null]);
      expect(own.rest).toEqual({ groups: 2, people: 42 });
      expect(shown(rule.table(ctx(NODE, [Role.NODE_STAFF]), groups(0, 3, 2, 40)))).toEqual([0, 3, 2, 40]);
      const nothingSmall = rule.table(ctx(NYKOPING), groups(0, 5, 7));
      expect(shown(nothingSmall)).toEqual([0, 5, 7]);
      expect(nothingSmall).toMatchObject({ rest: { groups: 0, people: 0 }, total: 12, suppression: null });
    });
  });

  it('guards a whole set of figures: all null and marked suppressed, or all shown', () => {
    expect(rule.guard(ctx(NYKOPING), { organizationIds: [FLEN] }, { total: 12, share: 0.5 })).toMatchObject({
      suppressed: true,
      total: null,
      share: null,
    });
    expect(rule.guard(ctx(FLEN), { organizationIds: [FLEN] }, { total: 12, share: 0.5 })).toEqual({
      suppressed: false,
      suppression: null,
      total: 12,
      share: 0.5,
    });
  });

  it('withholds every part of a split count when one part is small, keeping a total that is not', () => {
    const parties = [FLEN, KATRINEHOLM];
    expect(rule.breakdown(ctx(NYKOPING), parties, { women: 9, men: 2, otherOrUnknown: 0 })).toMatchObject({
      parts: { women: null, men: null, otherOrUnknown: null },
      total: 11,
      suppression: { reason: 'TOO_FEW_PEOPLE' },
    });
    expect(rule.breakdown(ctx(NYKOPING), parties, { women: 2, men: 1 })).toMatchObject({
      parts: { women: null, men: null },
      total: null,
    });
    expect(rule.breakdown(ctx(NYKOPING), parties, { women: 9, men: 6, otherOrUnknown: 0 })).toEqual({
      parts: { women: 9, men: 6, otherOrUnknown: 0 },
      total: 15,
      suppression: null,
    });
    expect(rule.breakdown(ctx(KATRINEHOLM), parties, { women: 9, men: 2 }).parts).toEqual({ women: 9, men: 2 });
  });
});
