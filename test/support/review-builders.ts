import type { TestApi } from './test-api.js';
import type { TestUser } from './builders.js';
import { changeStatus, createProtocol } from './testbed-builders.js';

function must(response: { data?: Record<string, any> | null; errors?: unknown }, what: string): Record<string, any> {
  if (!response.data) throw new Error(`${what} failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/**
 * A night-supervision test that ran and was submitted for steering review, with something in every part of
 * its knowledge basis: observations of each kind, a deviation, a fault, participants and a result per criterion.
 */
export async function submittedProtocol(
  api: TestApi,
  lead: TestUser,
  participants: TestUser[],
  overrides: Record<string, unknown> = {},
) {
  const created = must(
    await createProtocol(api, lead, {
      participatingOrganizationIds: participants.map((p) => p.organizationId),
      ...overrides,
    }),
    'createTestProtocol',
  ).createTestProtocol;
  const id: string = created.id;
  must(await changeStatus(api, lead, id, 'RUNNING'), 'RUNNING');
  const observe = (kind: string, description: string) =>
    api.gql(
      `mutation($i: AddObservationInput!) { addObservation(input: $i) { id } }`,
      { i: { protocolId: id, kind, description } },
      { token: lead.token },
    );
  await observe('OBSTACLE', 'Wifi saknas i två lägenheter');
  await observe('OPPORTUNITY', 'Kan kombineras med trygghetslarm');
  await observe('LESSON', 'Informera anhöriga tidigt');
  await api.gql(
    `mutation($i: ReportDeviationInput!) { reportDeviation(input: $i) { id } }`,
    { i: { protocolId: id, description: 'Tillsyn uteblev en natt', actionTaken: 'Rutin förtydligad' } },
    { token: lead.token },
  );
  await api.gql(
    `mutation($i: ReportTechnicalFaultInput!) { reportTechnicalFault(input: $i) { id } }`,
    { i: { protocolId: id, description: 'Kameran tappade uppkoppling', affectedComponent: 'Kamera' } },
    { token: lead.token },
  );
  must(
    await api.gql(
      `mutation($i: RecordParticipantsInput!) { recordParticipants(input: $i) { id } }`,
      {
        i: {
          protocolId: id,
          counts: [
            { group: 'CARE_RECIPIENTS', women: 7, men: 5, otherOrUnknown: 0 },
            { group: 'STAFF', women: 9, men: 6, otherOrUnknown: 1 },
          ],
        },
      },
      { token: lead.token },
    ),
    'recordParticipants',
  );
  const [nights, time] = created.successCriteria as { id: string }[];
  const result = `mutation($i: RecordTestResultInput!) { recordTestResult(input: $i) { id } }`;
  await api.gql(
    result,
    { i: { protocolId: id, criterionId: nights.id, measuredValue: 86, met: true } },
    { token: lead.token },
  );
  await api.gql(
    result,
    { i: { protocolId: id, criterionId: time.id, measuredValue: 52, met: false, comment: 'Inkörningsperiod' } },
    { token: lead.token },
  );
  must(await changeStatus(api, lead, id, 'COMPLETED'), 'COMPLETED');
  const version = must(
    await api.gql(
      `mutation($id: ID!) { submitTestProtocolForReview(id: $id, handInReason: "Underlaget räcker för beslut.") { id versionNumber } }`,
      { id },
      { token: lead.token },
    ),
    'submit',
  ).submitTestProtocolForReview;
  return { id, title: created.title as string, versionId: version.id as string };
}
