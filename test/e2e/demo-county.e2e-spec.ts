import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, ManualClock, Role } from '#core';
import { DemoRefused, type DemoReport, runDemo } from '../../apps/cli/src/demo/demo-county.js';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { login } from '../support/builders.js';

/**
 * `npm run demo` on a fresh copy of the test database (migrated and seeded, no users): the county it promises,
 * seen through the api by its own demo users, and a refusal the second time.
 */
describe('the demo county', () => {
  const now = new Date('2026-11-30T10:00:00.000Z');
  let report: DemoReport;
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const as = (email: string) => ({ token: tokens[email] });

  beforeAll(async () => {
    report = await runDemo({ now });
    api = await createTestApi(new ManualClock(now));
    for (const { email } of report.logins) tokens[email] = await login(api, email, report.password);
  }, 180_000);
  afterAll(() => api?.close());

  const byRole = (role: string) => report.logins.find((l) => l.roles.includes(role as never))!.email;

  it('has users for every role in several municipalities, each able to log in with the printed password', () => {
    const roles = new Set(report.logins.flatMap((l) => l.roles));
    expect([...roles].sort()).toEqual([
      'MUNICIPALITY_COORDINATOR',
      'NODE_ADMIN',
      'NODE_STAFF',
      'STEERING_MEMBER',
      'TECH_COACH',
      'VIEWER',
    ]);
    expect(new Set(report.logins.map((l) => l.organization)).size).toBeGreaterThanOrEqual(8);
    expect(Object.keys(tokens)).toHaveLength(report.logins.length);
  });

  it('has needs in every status, with endorsements', async () => {
    const needs = await api.gql(
      `{ needs(first: 100, statuses: [NEW, TRIAGED, IN_TEST, IN_PROCUREMENT, ADDRESSED, DECLINED, MERGED]) { totalCount nodes { status endorsementCount } } }`,
      undefined,
      as(byRole('NODE_STAFF')),
    );
    expect(needs.errors).toBeUndefined();
    const statuses = new Set(needs.data!.needs.nodes.map((n: { status: string }) => n.status));
    expect([...statuses].sort()).toEqual([
      'ADDRESSED',
      'DECLINED',
      'IN_PROCUREMENT',
      'IN_TEST',
      'MERGED',
      'NEW',
      'TRIAGED',
    ]);
    expect(needs.data!.needs.nodes.some((n: { endorsementCount: number }) => n.endorsementCount >= 3)).toBe(true);
  });

  it('has a test protocol with observations and votes, and a published decision', async () => {
    const decisions = await api.gql(
      `{ decisions(first: 10) { nodes { outcome protocol { title observations { kind } } } } }`,
      undefined,
      as(byRole('VIEWER')),
    );
    expect(decisions.errors).toBeUndefined();
    const [decision] = decisions.data!.decisions.nodes;
    expect(decision.outcome).toMatch(/^RECOMMEND/);
    expect(decision.protocol.observations.map((o: { kind: string }) => o.kind).sort()).toEqual([
      'LESSON',
      'OBSTACLE',
      'OPPORTUNITY',
    ]);
  });

  it('has a joint procurement with a framework agreement in force and call-offs, and one open for participation', async () => {
    const procurements = await api.gql(
      `{ procurements(first: 10) { nodes { status frameworkAgreement { status callOffs { id } } participants { id } } } }`,
      undefined,
      as(byRole('NODE_STAFF')),
    );
    expect(procurements.errors).toBeUndefined();
    const nodes = procurements.data!.procurements.nodes;
    const awarded = nodes.find((p: { status: string }) => p.status === 'ACTIVE');
    expect(awarded.frameworkAgreement.callOffs.length).toBeGreaterThanOrEqual(3);
    expect(awarded.participants.length).toBeGreaterThanOrEqual(3);
    expect(nodes.map((p: { status: string }) => p.status)).toContain('OPEN_FOR_PARTICIPATION');
  });

  it('has follow-ups scheduled, due, answered and overdue', async () => {
    const followUps = await api.gql(
      `{ followUps(first: 100) { nodes { status wave dueOn } } }`,
      undefined,
      as(byRole('NODE_STAFF')),
    );
    expect(followUps.errors).toBeUndefined();
    const statuses = followUps.data!.followUps.nodes.map((f: { status: string }) => f.status);
    expect(statuses).toEqual(expect.arrayContaining(['SCHEDULED', 'OPEN', 'ANSWERED', 'OVERDUE']));
    expect(report.followUps).toMatchObject({ ANSWERED: 2, OVERDUE: 1, OPEN: 1 });
  });

  it('has knowledge to search: graded articles and the decision, and a draft only its organisation sees', async () => {
    const search = async (email: string, query: string) => {
      const response = await api.gql(
        `query($q: String!) { knowledgeSearch(query: $q, first: 20) { nodes { source title snippet qualityGrade } } }`,
        { q: query },
        { token: tokens[email] },
      );
      expect(response.errors).toBeUndefined();
      return response.data!.knowledgeSearch.nodes as { source: string; title: string; qualityGrade: string }[];
    };
    const trosa = report.logins.find((l) => l.email.endsWith('@trosa.example'))!.email;
    const katrineholmCoach = report.logins.find(
      (l) => l.email.endsWith('@katrineholm.example') && l.roles.includes(Role.TECH_COACH),
    )!.email;
    const larm = await search(trosa, 'larm');
    expect((await search(trosa, 'nattillsyn')).map((hit) => hit.source)).toEqual(
      expect.arrayContaining(['ARTICLE', 'TEST_DECISION']),
    );
    expect(larm.find((hit) => hit.title === 'Byte till digitala trygghetslarm i Flen')?.qualityGrade).toBe('LIMITED');
    expect((await search(trosa, 'samtycke')).map((hit) => hit.title)).toContain(
      'Checklista: samtycke till välfärdsteknik',
    );
    expect((await search(trosa, 'GPS-larm promenader')).map((hit) => hit.title)).not.toContain(
      'GPS-larm på promenader: första intryck',
    );
    const drafts = await api.gql(
      `{ articles(status: DRAFT) { nodes { title } } }`,
      {},
      { token: tokens[katrineholmCoach] },
    );
    expect(drafts.data!.articles.nodes.map((a: { title: string }) => a.title)).toContain(
      'GPS-larm på promenader: första intryck',
    );
  });

  it('made its changes as the users who would make them, audited, over three years ending now', async () => {
    const rows: { actors: number; first: Date; last: Date; actions: number }[] = await api.app
      .get(Db)
      .manager.query(
        `SELECT count(DISTINCT actor_user_id)::int AS actors, min(occurred_at) AS first, max(occurred_at) AS last, count(DISTINCT action)::int AS actions FROM audit_log`,
      );
    const [{ actors, first, last, actions }] = rows as [{ actors: number; first: Date; last: Date; actions: number }];
    expect(actors).toBeGreaterThanOrEqual(15);
    expect(actions).toBeGreaterThanOrEqual(20);
    expect(new Date(first).getTime()).toBeLessThan(now.getTime() - 3 * 365 * 86_400_000);
    expect(new Date(last).getTime()).toBeLessThanOrEqual(now.getTime());
  });

  it('refuses a second run on a database that holds users', async () => {
    await expect(runDemo({ now })).rejects.toThrow(DemoRefused);
    // It says what to do instead: a fresh data folder (or a new empty database) for the demo.
    await expect(runDemo({ now })).rejects.toThrow(/EMBEDDED_POSTGRES_DIR=\.noden-demo\/postgres npm run demo/);
    // The setup page asks the api at once whether the node still awaits its first administrator.
    const setup = await api.gql(`{ setupNeeded }`);
    expect(setup.data).toEqual({ setupNeeded: false });
  });

  it('refuses production', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(runDemo({ now })).rejects.toThrow(/production/);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
