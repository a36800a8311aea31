import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Db, ManualClock, SqlStatementCounter } from '#core';
import { FollowUpStep } from './follow-up-schedule.js';
import { FollowUpWorkflowService, STEP_BATCH } from './follow-up-workflow.service.js';
import { createTestApi, type TestApi } from '../../../../test/support/test-api.js';
import {
  countsPerFollowUp,
  followUpActors,
  type FollowUpActors,
  followUpsOf,
  recordImplementation,
} from '../../../../test/support/followup-builders.js';

/** The step rules against real Postgres: each step happens once, only at its moment, only for the current schedule. */
describe('FollowUpWorkflowService (Postgres)', () => {
  const clock = new ManualClock('2052-01-10T08:00:00.000Z');
  let api: TestApi;
  let actors: FollowUpActors;
  let workflow: FollowUpWorkflowService;

  beforeAll(async () => {
    api = await createTestApi(clock);
    actors = await followUpActors(api, '0486');
    workflow = api.app.get(FollowUpWorkflowService);
  });
  afterAll(() => api.close());

  it('opens a due follow-up once however many run the step at the same time', async () => {
    const implementation = await recordImplementation(api, actors, '2051-01-05');
    const [row] = await followUpsOf(api, implementation.id);
    const payload = { followUpId: row.id, dueOn: row.due_on, scheduleVersion: row.schedule_version };
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => workflow.runStep(FollowUpStep.Open, payload)));
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'done')).toEqual(Array(7).fill('nothing-to-do'));
  });

  it('does nothing before the moment, for an older schedule, or for a follow-up that does not exist', async () => {
    const implementation = await recordImplementation(api, actors, '2051-06-01');
    const [row] = await followUpsOf(api, implementation.id);
    const payload = { followUpId: row.id, dueOn: row.due_on, scheduleVersion: row.schedule_version };
    expect(await workflow.runStep(FollowUpStep.Open, payload)).toBe('not-due');
    expect(
      await workflow.runStep(FollowUpStep.Open, { ...payload, scheduleVersion: payload.scheduleVersion - 1 }),
    ).toBe('stale');
    expect(await workflow.runStep(FollowUpStep.Open, { ...payload, dueOn: '2052-06-02' })).toBe('stale');
    expect(
      await workflow.runStep(FollowUpStep.Open, { ...payload, followUpId: '00000000-0000-4000-8000-000000000000' }),
    ).toBe('missing');
    expect(await workflow.runStep(FollowUpStep.Remind, payload)).toBe('nothing-to-do');
    expect((await followUpsOf(api, implementation.id))[0].status).toBe('SCHEDULED');
  });

  it('drains a backlog larger than one batch in one reconcile run, each follow-up once, in a bounded number of SQL statements', async () => {
    const backlog = STEP_BATCH + 100;
    const rows: { id: string }[] = await api.app.get(Db).manager.query(
      `WITH imps AS (
         INSERT INTO implementations (organization_id, product_id, setting, status, go_live_on, responsible_user_id, created_at, updated_at)
         SELECT $1, $2, 'HOME_CARE', 'BROAD_ROLLOUT', '2051-01-01', $3, now(), now() FROM generate_series(1, $4) RETURNING id)
       INSERT INTO follow_ups (implementation_id, organization_id, wave, due_on, status, created_at, updated_at)
       SELECT id, $1, 12, '2052-01-01', 'SCHEDULED', now(), now() FROM imps RETURNING id`,
      [actors.coordinator.organizationId, actors.productId, actors.contact.id, backlog],
    );
    const ids = rows.map((r) => r.id);
    const { result, tally } = SqlStatementCounter.run(() => workflow.reconcile());
    expect(await result).toBeGreaterThanOrEqual(backlog);
    // Two batches of the open step plus one empty look per step: a constant, not one per follow-up.
    expect(tally.statements).toBeLessThanOrEqual(30);
    const opened: { n: number }[] = await api.app
      .get(Db)
      .manager.query(`SELECT count(*)::int AS n FROM follow_ups WHERE id = ANY($1::uuid[]) AND status = 'OPEN'`, [ids]);
    expect(opened[0].n).toBe(backlog);
    expect(await countsPerFollowUp(api, ids, 'followUp.opened', 'followUp.opened')).toEqual({
      notifications: ids.map(() => 1),
      audits: ids.map(() => 1),
    });
    expect(await workflow.reconcile()).toBe(0);
  });
});
