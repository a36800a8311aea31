import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '#core';
import { FollowUpStep } from './follow-up-schedule.js';
import { FollowUpWorkflowService } from './follow-up-workflow.service.js';
import { createTestApi, type TestApi } from '../../../../test/support/test-api.js';
import { followUpActors, type FollowUpActors, followUpsOf, recordImplementation } from '../../../../test/support/followup-builders.js';

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
    const payload = { followUpId: row!.id, dueOn: row!.due_on, scheduleVersion: row!.schedule_version };
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => workflow.runStep(FollowUpStep.Open, payload)));
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'done')).toEqual(Array(7).fill('nothing-to-do'));
  });

  it('does nothing before the moment, for an older schedule, or for a follow-up that does not exist', async () => {
    const implementation = await recordImplementation(api, actors, '2051-06-01');
    const [row] = await followUpsOf(api, implementation.id);
    const payload = { followUpId: row!.id, dueOn: row!.due_on, scheduleVersion: row!.schedule_version };
    expect(await workflow.runStep(FollowUpStep.Open, payload)).toBe('not-due');
    expect(await workflow.runStep(FollowUpStep.Open, { ...payload, scheduleVersion: payload.scheduleVersion - 1 })).toBe('stale');
    expect(await workflow.runStep(FollowUpStep.Open, { ...payload, dueOn: '2052-06-02' })).toBe('stale');
    expect(await workflow.runStep(FollowUpStep.Open, { ...payload, followUpId: '00000000-0000-4000-8000-000000000000' })).toBe('missing');
    expect(await workflow.runStep(FollowUpStep.Remind, payload)).toBe('nothing-to-do');
    expect((await followUpsOf(api, implementation.id))[0]!.status).toBe('SCHEDULED');
  });
});
