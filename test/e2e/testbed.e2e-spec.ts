import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { Role } from '#core';
import { canonicalJson } from '#testbed';
import { createTestApi, errorCode, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import {
  changeStatus,
  createProtocol,
  nightSupervisionPlan,
  SNAPSHOT_FIELDS,
  vote,
} from '../support/testbed-builders.js';

const GET = `query($id: ID!) { testProtocol(id: $id) { id status versionCount openVersion { id versionNumber votes { id } } } }`;
const OBSERVE = `mutation($i: AddObservationInput!) { addObservation(input: $i) { id kind description occurredOn authorUserId authorOrganization { code } } }`;
const RESULT = `mutation($i: RecordTestResultInput!) { recordTestResult(input: $i) { id measuredValue met criterion { name } } }`;
const SUBMIT = `mutation($id: ID!, $reason: String = "Underlaget räcker för beslut.") { submitTestProtocolForReview(id: $id, handInReason: $reason) { id versionNumber contentHash contentHashVerified reviewStatus ${SNAPSHOT_FIELDS} } }`;
const UPDATE = `mutation($i: UpdateTestProtocolInput!) { updateTestProtocol(input: $i) { id status purpose versionCount broadRolloutIntended settings consentApproach } }`;
const QUEUE = `{ reviewQueue(first: 50) { nodes { id openVersion { id versionNumber } } } }`;

describe('test protocols and steering review', () => {
  let api: TestApi;
  let eskilstuna: TestUser;
  let flenCoach: TestUser;
  let trosa: TestUser;
  let nykoping: TestUser;
  let vingaker: TestUser;
  let admin: TestUser;
  let steering: Record<string, TestUser>;

  beforeAll(async () => {
    api = await createTestApi();
    eskilstuna = await createUser(api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'esk-coordinator');
    flenCoach = await createUser(api, '0482', [Role.TECH_COACH], 'flen-coach');
    trosa = await createUser(api, '0488', [Role.MUNICIPALITY_COORDINATOR], 'trosa-coordinator');
    nykoping = await createUser(api, '0480', [Role.MUNICIPALITY_COORDINATOR, Role.TECH_COACH], 'nyk-coordinator');
    vingaker = await createUser(api, '0428', [Role.VIEWER], 'vingaker-viewer');
    admin = await createUser(api, 'Noden', [Role.NODE_ADMIN], 'admin');
    steering = {};
    for (const code of ['0484', '0482', '0488', '0486', '0483', '04', '0481'])
      steering[code] = await createUser(api, code, [Role.STEERING_MEMBER], `steering-${code}`);
  });
  afterAll(() => api.close());

  it('refuses consent by relatives or a guardian with a clear message naming the field (S2:230)', async () => {
    const sv = await createProtocol(api, eskilstuna, { consentApproach: 'RELATIVE' });
    expect(errorCode(sv)).toBe('BAD_USER_INPUT');
    expect(sv.errors?.[0]?.extensions.field).toBe('input.consentApproach');
    expect(sv.errors?.[0]?.message).toMatch(/input\.consentApproach.*aldrig av anhöriga eller ställföreträdare/);
    const en = await api.gql(
      `mutation($i: CreateTestProtocolInput!) { createTestProtocol(input: $i) { id } }`,
      { i: nightSupervisionPlan({ consentApproach: 'GUARDIAN' }) },
      { token: eskilstuna.token, headers: { 'accept-language': 'en' } },
    );
    expect(en.errors?.[0]?.message).toMatch(/input\.consentApproach.*never by relatives or a guardian/);
    const unknown = await createProtocol(api, eskilstuna, { consentApproach: 'NEXT_OF_KIN' });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    const period = await createProtocol(api, eskilstuna, { plannedStart: '2027-01-10', plannedEnd: '2026-12-01' });
    expect(errorCode(period)).toBe('BAD_USER_INPUT');
    expect(period.errors?.[0]?.extensions.field).toBe('input.plannedEnd');
    expect(errorCode(await createProtocol(api, flenCoach))).toBe('FORBIDDEN');
  });

  it('runs a night-supervision test from plan to a steering decision, and a changed protocol to a second decision', async () => {
    // Eskilstuna leads, Flen and Trosa take part.
    const created = await createProtocol(api, eskilstuna, {
      participatingOrganizationIds: [flenCoach.organizationId, trosa.organizationId],
    });
    expect(created.errors).toBeUndefined();
    const protocol = created.data!.createTestProtocol;
    expect(protocol).toMatchObject({
      status: 'DRAFT',
      category: { key: 'DIGITAL_SUPERVISION' },
      leadOrganization: { code: '0484' },
      broadRolloutIntended: true,
    });
    expect(protocol.participatingOrganizations.map((o: { code: string }) => o.code).sort()).toEqual(['0482', '0488']);
    const id: string = protocol.id;
    const [nightsCriterion, timeCriterion] = protocol.successCriteria as { id: string }[];

    // A draft is seen by the lead and participants, not by Nyköping.
    expect(errorCode(await api.gql(GET, { id }, { token: nykoping.token }))).toBe('NOT_FOUND');
    const nykList = await api.gql(`{ testProtocols(first: 100) { nodes { id } } }`, {}, { token: nykoping.token });
    expect(nykList.data?.testProtocols.nodes.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await api.gql(GET, { id }, { token: flenCoach.token })).data?.testProtocol.status).toBe('DRAFT');
    expect(
      errorCode(
        await api.gql(
          OBSERVE,
          { i: { protocolId: id, kind: 'LESSON', description: 'För tidigt' } },
          { token: flenCoach.token },
        ),
      ),
    ).toBe('CONFLICT');

    // Running: visible to all members; participants report observations, deviations and faults.
    expect((await changeStatus(api, eskilstuna, id, 'RUNNING')).data?.changeTestProtocolStatus.status).toBe('RUNNING');
    expect((await api.gql(GET, { id }, { token: nykoping.token })).data?.testProtocol.status).toBe('RUNNING');
    const plan = await api.gql(UPDATE, { i: { id, purpose: 'Nytt syfte' } }, { token: eskilstuna.token });
    expect(errorCode(plan)).toBe('CONFLICT');

    const obstacle = await api.gql(
      OBSERVE,
      {
        i: { protocolId: id, kind: 'OBSTACLE', description: 'Wifi saknas i två lägenheter', occurredOn: '2026-11-20' },
      },
      { token: flenCoach.token },
    );
    expect(obstacle.data?.addObservation).toMatchObject({
      kind: 'OBSTACLE',
      occurredOn: '2026-11-20',
      authorUserId: flenCoach.id,
      authorOrganization: { code: '0482' },
    });
    await api.gql(
      OBSERVE,
      { i: { protocolId: id, kind: 'OPPORTUNITY', description: 'Kan kombineras med trygghetslarm' } },
      { token: trosa.token },
    );
    await api.gql(
      OBSERVE,
      { i: { protocolId: id, kind: 'LESSON', description: 'Informera anhöriga tidigt' } },
      { token: eskilstuna.token },
    );
    expect(
      errorCode(
        await api.gql(OBSERVE, { i: { protocolId: id, kind: 'LESSON', description: 'x' } }, { token: nykoping.token }),
      ),
    ).toBe('FORBIDDEN');
    const future = await api.gql(
      OBSERVE,
      { i: { protocolId: id, kind: 'LESSON', description: 'Framtida', occurredOn: '2027-01-01' } },
      { token: flenCoach.token },
    );
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.occurredOn' });
    await api.gql(
      `mutation($i: ReportDeviationInput!) { reportDeviation(input: $i) { id } }`,
      { i: { protocolId: id, description: 'Tillsyn uteblev en natt', actionTaken: 'Rutin förtydligad' } },
      { token: trosa.token },
    );
    await api.gql(
      `mutation($i: ReportTechnicalFaultInput!) { reportTechnicalFault(input: $i) { id } }`,
      { i: { protocolId: id, description: 'Kameran tappade uppkoppling', affectedComponent: 'Kamera' } },
      { token: flenCoach.token },
    );
    const participants = await api.gql(
      `mutation($i: RecordParticipantsInput!) { recordParticipants(input: $i) { participants { participantGroup women men otherOrUnknown total } } }`,
      {
        i: {
          protocolId: id,
          counts: [
            { group: 'CARE_RECIPIENTS', women: 7, men: 5, otherOrUnknown: 0 },
            { group: 'STAFF', women: 9, men: 2, otherOrUnknown: 1 },
          ],
        },
      },
      { token: eskilstuna.token },
    );
    expect(participants.data?.recordParticipants.participants).toEqual([
      { participantGroup: 'CARE_RECIPIENTS', women: 7, men: 5, otherOrUnknown: 0, total: 12 },
      { participantGroup: 'STAFF', women: 9, men: 2, otherOrUnknown: 1, total: 12 },
    ]);
    // Other organisations see no count of fewer than 5 people, nor the split by sex that would reveal one.
    const PARTICIPANTS = `query($id: ID!) { testProtocol(id: $id) { participants { participantGroup women men otherOrUnknown total suppression { reason minimum } } } }`;
    expect((await api.gql(PARTICIPANTS, { id }, { token: nykoping.token })).data?.testProtocol.participants).toEqual([
      { participantGroup: 'CARE_RECIPIENTS', women: 7, men: 5, otherOrUnknown: 0, total: 12, suppression: null },
      {
        participantGroup: 'STAFF',
        women: null,
        men: null,
        otherOrUnknown: null,
        total: 12,
        suppression: { reason: 'TOO_FEW_PEOPLE', minimum: 5 },
      },
    ]);
    expect(
      (await api.gql(PARTICIPANTS, { id }, { token: flenCoach.token })).data?.testProtocol.participants[1],
    ).toMatchObject({ women: 9, men: 2, otherOrUnknown: 1, suppression: null });
    expect(
      (
        await api.gql(
          RESULT,
          { i: { protocolId: id, criterionId: nightsCriterion.id, measuredValue: 86, met: true } },
          { token: eskilstuna.token },
        )
      ).data?.recordTestResult,
    ).toMatchObject({ met: true });
    await api.gql(
      RESULT,
      {
        i: {
          protocolId: id,
          criterionId: timeCriterion.id,
          measuredValue: 52,
          met: false,
          comment: 'Inkörningsperiod',
        },
      },
      { token: eskilstuna.token },
    );
    const lists = await api.gql(
      `query($id: ID!) { testProtocol(id: $id) { observations { kind } deviations { description } technicalFaults { affectedComponent } } }`,
      { id },
      { token: vingaker.token },
    );
    expect(lists.data?.testProtocol.observations.map((o: { kind: string }) => o.kind)).toEqual([
      'OBSTACLE',
      'OPPORTUNITY',
      'LESSON',
    ]);
    expect(lists.data?.testProtocol.deviations).toHaveLength(1);
    expect(lists.data?.testProtocol.technicalFaults).toEqual([{ affectedComponent: 'Kamera' }]);

    // Submitting needs a completed test; then the version is frozen with its hash.
    const early = await api.gql(SUBMIT, { id }, { token: eskilstuna.token });
    expect(errorCode(early)).toBe('CONFLICT');
    expect(early.errors?.[0]?.extensions.params.allowed).toEqual(['COMPLETED', 'WITHDRAWN']);
    await changeStatus(api, eskilstuna, id, 'COMPLETED');
    const submitted = await api.gql(SUBMIT, { id }, { token: eskilstuna.token });
    expect(submitted.errors).toBeUndefined();
    const v1 = submitted.data!.submitTestProtocolForReview;
    expect(v1).toMatchObject({ versionNumber: 1, reviewStatus: 'OPEN' });
    expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.contentHashVerified).toBe(true);
    expect(createHash('sha256').update(canonicalJson(v1.snapshot)).digest('hex')).toBe(v1.contentHash);
    expect(v1.snapshot.observations).toHaveLength(3);
    expect(v1.snapshot.results.map((r: { met: boolean }) => r.met)).toEqual([true, false]);
    expect(v1.snapshot.participants).toHaveLength(2);

    // Only steering members vote.
    expect(errorCode(await vote(api, flenCoach, v1.id, 'RECOMMEND'))).toBe('FORBIDDEN');
    const queue = await api.gql(QUEUE, {}, { token: steering['0486'].token });
    expect(queue.data?.reviewQueue.nodes.map((p: { id: string }) => p.id)).toContain(id);
    const noConditions = await vote(api, steering['0484'], v1.id, 'RECOMMEND_WITH_CONDITIONS');
    expect(errorCode(noConditions)).toBe('BAD_USER_INPUT');
    expect(noConditions.errors?.[0]?.extensions.field).toBe('input.conditions');

    const first = await vote(api, steering['0484'], v1.id, 'RECOMMEND');
    expect(first.data?.castSteeringVote).toMatchObject({
      recommendation: 'RECOMMEND',
      organization: { code: '0484' },
      decision: null,
    });
    const sameOrganization = await createUser(api, '0484', [Role.STEERING_MEMBER], 'steering-0484-deputy');
    expect(errorCode(await vote(api, sameOrganization, v1.id, 'DO_NOT_RECOMMEND'))).toBe('CONFLICT');
    expect(
      (await api.gql(QUEUE, {}, { token: sameOrganization.token })).data?.reviewQueue.nodes.map(
        (p: { id: string }) => p.id,
      ),
    ).not.toContain(id);
    await vote(api, steering['0482'], v1.id, 'RECOMMEND');
    await vote(api, steering['0488'], v1.id, 'RECOMMEND_WITH_CONDITIONS', { conditions: 'Reservrutin vid avbrott' });
    await vote(api, steering['0486'], v1.id, 'TEST_MORE');
    const fifth = await vote(api, steering['0483'], v1.id, 'RECOMMEND');
    expect(fifth.data?.castSteeringVote.decision).toBeNull();
    // The sixth of ten member organisations reaches the quorum and closes the review.
    const sixth = await vote(api, steering['04'], v1.id, 'RECOMMEND_WITH_CONDITIONS', {
      conditions: 'Följ upp efter 12 månader',
    });
    expect(sixth.errors).toBeUndefined();
    const decision1 = sixth.data!.castSteeringVote.decision;
    expect(decision1).toMatchObject({ outcome: 'RECOMMEND' });
    expect(errorCode(await vote(api, steering['0481'], v1.id, 'RECOMMEND'))).toBe('CONFLICT');

    // Published to all members: Vingåker sees the decision and what it rests on.
    const decisions = await api.gql(
      `{ decisions(category: "DIGITAL_SUPERVISION", first: 50) { nodes { id outcome rationale conditions knowledgeBasis { versionId contentHash submittedAt observationCounts { kind count } lessons deviationCount technicalFaultCount documents { title url } votes } voteCounts { recommendation votes } version { versionNumber } protocol { id status } } } }`,
      {},
      { token: vingaker.token },
    );
    const seen = decisions.data?.decisions.nodes.find((d: { id: string }) => d.id === decision1.id);
    expect(seen).toMatchObject({
      outcome: 'RECOMMEND',
      version: { versionNumber: 1 },
      protocol: { id, status: 'DECIDED' },
    });
    expect(seen.knowledgeBasis).toMatchObject({
      versionId: v1.id,
      contentHash: v1.contentHash,
      observationCounts: [
        { kind: 'OBSTACLE', count: 1 },
        { kind: 'OPPORTUNITY', count: 1 },
        { kind: 'LESSON', count: 1 },
      ],
      lessons: ['Informera anhöriga tidigt'],
      deviationCount: 1,
      technicalFaultCount: 1,
    });
    // Every vote cast on the version counts, whatever it recommended.
    expect(seen.knowledgeBasis.votes).toBe(
      (seen.voteCounts as { votes: number }[]).reduce((sum, count) => sum + count.votes, 0),
    );
    expect(new Date(seen.knowledgeBasis.submittedAt as string).getTime()).not.toBeNaN();
    expect(seen.knowledgeBasis.documents).toEqual([{ title: 'Riskanalys', url: 'https://example.org/riskanalys.pdf' }]);
    expect(seen.rationale).toContain('Region Sörmland');
    expect(seen.conditions).toContain('Reservrutin vid avbrott');
    expect(seen.voteCounts.find((c: { recommendation: string }) => c.recommendation === 'RECOMMEND').votes).toBe(3);
    const notified = await api.gql(
      `{ myNotifications(first: 20) { nodes { kind entityId } } }`,
      {},
      { token: eskilstuna.token },
    );
    expect(notified.data?.myNotifications.nodes).toContainEqual({ kind: 'testDecision.made', entityId: decision1.id });

    api.clock.advance(60_000);
    // A change after the decision reopens the protocol; the next submission is version 2 with a new review.
    const revised = await api.gql(
      UPDATE,
      {
        i: {
          id,
          purpose: 'Pröva digital nattillsyn även i särskilt boende.',
          settings: ['HOME_CARE', 'SPECIAL_HOUSING'],
        },
      },
      { token: eskilstuna.token },
    );
    expect(revised.data?.updateTestProtocol).toMatchObject({
      status: 'COMPLETED',
      versionCount: 1,
      broadRolloutIntended: true,
      settings: ['HOME_CARE', 'SPECIAL_HOUSING'],
      consentApproach: 'PERSON_THEMSELF',
    });
    const v2 = (await api.gql(SUBMIT, { id }, { token: eskilstuna.token })).data!.submitTestProtocolForReview;
    expect(v2.versionNumber).toBe(2);
    expect(v2.contentHash).not.toBe(v1.contentHash);
    const reopened = await api.gql(GET, { id }, { token: steering['0484'].token });
    expect(reopened.data?.testProtocol).toMatchObject({
      status: 'SUBMITTED_FOR_REVIEW',
      versionCount: 2,
      openVersion: { id: v2.id, versionNumber: 2, votes: [] },
    });
    expect(
      (await api.gql(QUEUE, {}, { token: steering['0484'].token })).data?.reviewQueue.nodes.map(
        (p: { id: string }) => p.id,
      ),
    ).toContain(id);
    expect(errorCode(await vote(api, steering['0482'], v1.id, 'RECOMMEND'))).toBe('CONFLICT');

    // Old votes do not count: six new votes are needed; a tie gives TEST_MORE.
    const codes = ['0484', '0482', '0488', '0486', '0483', '04'];
    let last;
    for (const [i, code] of codes.entries()) {
      last = await vote(api, steering[code], v2.id, i % 2 === 0 ? 'DO_NOT_RECOMMEND' : 'TEST_MORE');
      expect(last.errors).toBeUndefined();
      if (i < 5) expect(last.data?.castSteeringVote.decision).toBeNull();
    }
    if (!last) throw new Error('no vote was cast');
    const decision2 = last.data!.castSteeringVote.decision;
    expect(decision2.outcome).toBe('TEST_MORE');
    const history = await api.gql(
      `query($id: ID!) { testProtocol(id: $id) { status latestDecision { id supersedes { id supersededBy { id } } } versions { versionNumber reviewStatus decision { id } } statusHistory { fromStatus toStatus changedByUserId } } }`,
      { id },
      { token: vingaker.token },
    );
    const after = history.data!.testProtocol;
    expect(after.status).toBe('DECIDED');
    expect(after.latestDecision).toEqual({
      id: decision2.id,
      supersedes: { id: decision1.id, supersededBy: { id: decision2.id } },
    });
    expect(after.versions).toEqual([
      { versionNumber: 1, reviewStatus: 'DECIDED', decision: { id: decision1.id } },
      { versionNumber: 2, reviewStatus: 'DECIDED', decision: { id: decision2.id } },
    ]);
    expect(after.statusHistory.map((s: { toStatus: string }) => s.toStatus)).toEqual([
      'DRAFT',
      'RUNNING',
      'COMPLETED',
      'SUBMITTED_FOR_REVIEW',
      'DECIDED',
      'COMPLETED',
      'SUBMITTED_FOR_REVIEW',
      'DECIDED',
    ]);
    expect(after.statusHistory[1]).toMatchObject({ fromStatus: 'DRAFT', changedByUserId: eskilstuna.id });
  });

  it('closes the review of a version that changed before a decision; its votes no longer count', async () => {
    const created = await createProtocol(api, trosa, { title: 'Läkemedelsautomat', category: 'MEDICATION_DISPENSER' });
    const id: string = created.data!.createTestProtocol.id;
    const skip = await changeStatus(api, trosa, id, 'COMPLETED');
    expect(errorCode(skip)).toBe('CONFLICT');
    expect(skip.errors?.[0]?.extensions).toMatchObject({
      field: 'input.status',
      params: { from: 'DRAFT', to: 'COMPLETED', allowed: ['RUNNING', 'WITHDRAWN'] },
    });
    expect(errorCode(await changeStatus(api, flenCoach, id, 'RUNNING'))).toBe('FORBIDDEN');
    await changeStatus(api, trosa, id, 'RUNNING');
    await changeStatus(api, trosa, id, 'COMPLETED');
    expect(errorCode(await changeStatus(api, trosa, id, 'SUBMITTED_FOR_REVIEW'))).toBe('CONFLICT');
    const v1 = (await api.gql(SUBMIT, { id }, { token: trosa.token })).data!.submitTestProtocolForReview;
    await vote(api, steering['0484'], v1.id, 'RECOMMEND');
    const observed = await api.gql(
      OBSERVE,
      { i: { protocolId: id, kind: 'LESSON', description: 'Sen lärdom' } },
      { token: trosa.token },
    );
    expect(observed.errors).toBeUndefined();
    const protocol = await api.gql(
      `query($id: ID!) { testProtocol(id: $id) { status versions { reviewStatus votes { id } } } }`,
      { id },
      { token: trosa.token },
    );
    expect(protocol.data?.testProtocol).toEqual({
      status: 'COMPLETED',
      versions: [{ reviewStatus: 'SUPERSEDED', votes: [{ id: expect.any(String) }] }],
    });
    // Everyone who voted is told their vote no longer counts; members who had not voted are not.
    const told = async (user: TestUser) =>
      (
        await api.gql(`{ myNotifications(first: 50) { nodes { kind entityId params } } }`, {}, { token: user.token })
      ).data?.myNotifications.nodes.filter(
        (n: { kind: string; entityId: string }) => n.kind === 'testProtocol.reviewSuperseded' && n.entityId === id,
      );
    expect(await told(steering['0484'])).toEqual([
      { kind: 'testProtocol.reviewSuperseded', entityId: id, params: { versionId: v1.id, versionNumber: 1 } },
    ]);
    expect(await told(steering['0482'])).toEqual([]);
    const stale = await vote(api, steering['0482'], v1.id, 'RECOMMEND');
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions.field).toBe('input.versionId');

    const withdrawn = await changeStatus(api, trosa, id, 'WITHDRAWN');
    expect(withdrawn.data?.changeTestProtocolStatus.status).toBe('WITHDRAWN');
    expect(
      errorCode(
        await api.gql(
          OBSERVE,
          { i: { protocolId: id, kind: 'LESSON', description: 'För sent' } },
          { token: trosa.token },
        ),
      ),
    ).toBe('CONFLICT');

    const draft = (await createProtocol(api, trosa, { title: 'Avbrutet utkast' })).data!.createTestProtocol.id;
    await changeStatus(api, trosa, draft, 'WITHDRAWN');
    expect(errorCode(await api.gql(GET, { id: draft }, { token: nykoping.token }))).toBe('NOT_FOUND');
  });

  it('lets only the node administrator configure the quorum', async () => {
    const configure = `mutation($i: ConfigureSteeringQuorumInput!) { configureSteeringQuorum(input: $i) { quorumRule minimumVotes } }`;
    expect(errorCode(await api.gql(configure, { i: { rule: 'ALL_MEMBERS' } }, { token: steering['0484'].token }))).toBe(
      'FORBIDDEN',
    );
    const missing = await api.gql(configure, { i: { rule: 'MINIMUM_VOTES' } }, { token: admin.token });
    expect(errorCode(missing)).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0]?.extensions.field).toBe('input.minimumVotes');
    expect(
      (await api.gql(configure, { i: { rule: 'MINIMUM_VOTES', minimumVotes: 2 } }, { token: admin.token })).data
        ?.configureSteeringQuorum,
    ).toEqual({ quorumRule: 'MINIMUM_VOTES', minimumVotes: 2 });

    const id: string = (await createProtocol(api, eskilstuna, { title: 'GPS-larm', category: 'GPS_ALARM' })).data!
      .createTestProtocol.id;
    await changeStatus(api, eskilstuna, id, 'RUNNING');
    await changeStatus(api, eskilstuna, id, 'COMPLETED');
    const version = (await api.gql(SUBMIT, { id }, { token: eskilstuna.token })).data!.submitTestProtocolForReview;
    // Two last votes at the same time still make exactly one decision.
    const [a, b] = await Promise.all([
      vote(api, steering['0481'], version.id, 'RECOMMEND'),
      vote(api, steering['0486'], version.id, 'RECOMMEND'),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const made = [a, b].map((r) => r.data?.castSteeringVote.decision).filter(Boolean);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ outcome: 'RECOMMEND' });
    const decided = await api.gql(
      `query($id: ID!) { testProtocol(id: $id) { status decisions { id } } }`,
      { id },
      { token: eskilstuna.token },
    );
    expect(decided.data?.testProtocol).toEqual({ status: 'DECIDED', decisions: [{ id: made[0].id }] });
    const filtered = await api.gql(
      `{ decisions(outcome: TEST_MORE, first: 50) { nodes { outcome } } }`,
      {},
      { token: vingaker.token },
    );
    expect(filtered.data?.decisions.nodes.every((d: { outcome: string }) => d.outcome === 'TEST_MORE')).toBe(true);

    expect(
      (await api.gql(configure, { i: { rule: 'MAJORITY_OF_MEMBERS' } }, { token: admin.token })).data
        ?.configureSteeringQuorum,
    ).toEqual({ quorumRule: 'MAJORITY_OF_MEMBERS', minimumVotes: null });
  });

  it('pages test protocols with a constant number of SQL statements', async () => {
    for (let i = 0; i < 11; i++) {
      const created = await createProtocol(api, eskilstuna, {
        title: `Sidtest ${i}`,
        category: 'DIGITAL_LOCK',
        participatingOrganizationIds: [trosa.organizationId],
      });
      const id = created.data!.createTestProtocol.id;
      await changeStatus(api, eskilstuna, id, 'RUNNING');
      await api.gql(
        OBSERVE,
        { i: { protocolId: id, kind: 'LESSON', description: `Lärdom ${i}` } },
        { token: trosa.token },
      );
    }
    const query = `query($first: Int, $after: String) { testProtocols(category: "DIGITAL_LOCK", status: RUNNING, first: $first, after: $after) {
      nodes { id title category { key } leadOrganization { name } participatingOrganizations { name } needs { id } successCriteria { name result { met } }
        participants { total } observations { kind authorOrganization { code } } deviations { id } technicalFaults { id } results { id }
        statusHistory { toStatus } versions { id votes { id } } openVersion { id } decisions { id } latestDecision { id } allowedTransitions }
      pageInfo { hasNextPage endCursor } } }`;
    const small = await api.gql(query, { first: 2 }, { token: vingaker.token });
    const large = await api.gql(query, { first: 10 }, { token: vingaker.token });
    expect(large.errors).toBeUndefined();
    expect(large.data?.testProtocols.nodes).toHaveLength(10);
    expect(large.sqlStatements).toBe(small.sqlStatements);
    const next = await api.gql(
      query,
      { first: 10, after: large.data?.testProtocols.pageInfo.endCursor },
      { token: vingaker.token },
    );
    expect(next.data?.testProtocols.nodes).toHaveLength(1);
    const byOrganization = await api.gql(
      `query($org: ID) { testProtocols(organizationId: $org, category: "DIGITAL_LOCK", first: 100) { nodes { id } } }`,
      { org: trosa.organizationId },
      { token: nykoping.token },
    );
    expect(byOrganization.data?.testProtocols.nodes).toHaveLength(11);
  });
});
