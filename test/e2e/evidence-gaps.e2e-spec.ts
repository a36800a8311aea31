import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { createTestApi, errorCode, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, createProtocol, SNAPSHOT_FIELDS } from '../support/testbed-builders.js';
import { submittedProtocol } from '../support/review-builders.js';

const GAPS = `query($id: ID!) { testProtocolEvidenceGaps(id: $id) { kind criteria plannedEnd } }`;
const SUBMIT = `mutation($id: ID!, $reason: String) {
  submitTestProtocolForReview(id: $id, handInReason: $reason) {
    id versionNumber contentHashVerified evidenceGaps { kind criteria plannedEnd } ${SNAPSHOT_FIELDS}
  }
}`;

/**
 * Evidence before a decision: a test with no participants, a criterion without a result, no observations and
 * months of its period left cannot be handed in without a word. The api says what is missing, asks for the
 * reason and freezes both with the version; the steering group reads the same.
 */
describe('evidence before a steering decision', () => {
  let api: TestApi;
  let lead: TestUser;
  let steering: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    api = await createTestApi();
    lead = await createUser(api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'Eskilstuna samordnare');
    steering = await createUser(api, '0486', [Role.STEERING_MEMBER], 'Strängnäs ledamot');
    outsider = await createUser(api, '0488', [Role.TECH_COACH], 'Trosa coach');
  });
  afterAll(() => api.close());

  async function thinProtocol(): Promise<string> {
    const created = await createProtocol(api, lead, {
      title: 'Nattkamera utan underlag',
      plannedStart: '2026-01-01',
      plannedEnd: '2099-12-31',
      successCriteria: [{ name: 'Nätter utan väckning', targetValue: 80, unit: '%' }],
    });
    const id = created.data!.createTestProtocol.id as string;
    await changeStatus(api, lead, id, 'RUNNING');
    await changeStatus(api, lead, id, 'COMPLETED');
    return id;
  }

  it('lists what is missing before the hand-in, and refuses it without a reason, naming the field', async () => {
    const id = await thinProtocol();
    const gaps = await api.gql(GAPS, { id }, { token: lead.token });
    expect(gaps.errors).toBeUndefined();
    expect(gaps.data!.testProtocolEvidenceGaps).toEqual([
      { kind: 'CRITERIA_WITHOUT_RESULT', criteria: ['Nätter utan väckning'], plannedEnd: null },
      { kind: 'NO_PARTICIPANTS', criteria: null, plannedEnd: null },
      { kind: 'NO_OBSERVATIONS', criteria: null, plannedEnd: null },
      { kind: 'PERIOD_NOT_OVER', criteria: null, plannedEnd: '2099-12-31' },
    ]);
    // Asked by those who work on protocols (a tech coach does not).
    expect(errorCode(await api.gql(GAPS, { id }, { token: outsider.token }))).toBe('FORBIDDEN');

    for (const reason of [null, '   ']) {
      const refused = await api.gql(SUBMIT, { id, reason }, { token: lead.token });
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].extensions).toMatchObject({
        reason: 'TESTBED_HAND_IN_REASON_REQUIRED',
        field: 'handInReason',
        params: { gaps: ['CRITERIA_WITHOUT_RESULT', 'NO_PARTICIPANTS', 'NO_OBSERVATIONS', 'PERIOD_NOT_OVER'] },
      });
    }
    // Nothing was frozen by the refused attempts.
    const still = await api.gql(
      `query($id: ID!) { testProtocol(id: $id) { status versionCount } }`,
      { id },
      {
        token: lead.token,
      },
    );
    expect(still.data!.testProtocol).toEqual({ status: 'COMPLETED', versionCount: 0 });
  });

  it('freezes the gaps and the reason with the version; the steering member reads the same', async () => {
    const id = await thinProtocol();
    const reason = 'Leverantören drog sig ur; styrgruppen behöver besluta om vi ska fortsätta.';
    const submitted = await api.gql(SUBMIT, { id, reason: `  ${reason} ` }, { token: lead.token });
    expect(submitted.errors).toBeUndefined();
    const version = submitted.data!.submitTestProtocolForReview;
    expect(version.contentHashVerified).toBe(true);
    expect(version.snapshot.handIn).toEqual({
      gaps: [
        { kind: 'CRITERIA_WITHOUT_RESULT', criteria: ['Nätter utan väckning'], plannedEnd: null },
        { kind: 'NO_PARTICIPANTS', criteria: null, plannedEnd: null },
        { kind: 'NO_OBSERVATIONS', criteria: null, plannedEnd: null },
        { kind: 'PERIOD_NOT_OVER', criteria: null, plannedEnd: '2099-12-31' },
      ],
      reason,
    });
    expect(version.evidenceGaps).toEqual(version.snapshot.handIn.gaps);

    const review = await api.gql(
      `query($id: ID!) { testProtocol(id: $id) { openVersion { evidenceGaps { kind } snapshot { handIn { reason } } } } }`,
      { id },
      { token: steering.token },
    );
    expect(review.data!.testProtocol.openVersion).toEqual({
      evidenceGaps: [
        { kind: 'CRITERIA_WITHOUT_RESULT' },
        { kind: 'NO_PARTICIPANTS' },
        { kind: 'NO_OBSERVATIONS' },
        { kind: 'PERIOD_NOT_OVER' },
      ],
      snapshot: { handIn: { reason } },
    });
  });

  it('a complete knowledge basis needs no reason, and a reason given anyway is not recorded', async () => {
    const partner = await createUser(api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'Flen samordnare');
    // Every part filled in, and the period over.
    // submittedProtocol hands in with a reason, as every test hand-in does: here it is not needed, so not kept.
    const { id } = await submittedProtocol(api, lead, [partner], {
      plannedStart: '2025-01-01',
      plannedEnd: '2025-06-30',
    });
    const gaps = await api.gql(GAPS, { id }, { token: lead.token });
    expect(gaps.data!.testProtocolEvidenceGaps).toEqual([]);
    const version = await api.gql(
      `query($id: ID!) { testProtocol(id: $id) { openVersion { evidenceGaps { kind } snapshot { handIn { gaps { kind } reason } } } } }`,
      { id },
      { token: steering.token },
    );
    expect(version.data!.testProtocol.openVersion).toEqual({
      evidenceGaps: [],
      snapshot: { handIn: { gaps: [], reason: null } },
    });
  });

  it('refuses an overlong reason naming the field', async () => {
    const id = await thinProtocol();
    const refused = await api.gql(SUBMIT, { id, reason: 'x'.repeat(10_001) }, { token: lead.token });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions).toMatchObject({
      field: 'handInReason',
      params: { constraint: 'maxLength' },
    });
  });
});
