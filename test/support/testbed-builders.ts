import type { TestApi, GqlResponse } from './test-api.js';
import type { TestUser } from './builders.js';

export const PROTOCOL_FIELDS = `id title status published versionCount category { key } leadOrganization { code } participatingOrganizations { code }
  settings consentApproach broadRolloutIntended plannedStart plannedEnd successCriteria { id name targetValue unit }`;

const CREATE = `mutation($i: CreateTestProtocolInput!) { createTestProtocol(input: $i) { ${PROTOCOL_FIELDS} } }`;

/** A night-supervision test plan (digital nattillsyn) in the shape a coordinator would fill in. */
export function nightSupervisionPlan(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Digital nattillsyn med kamera i hemtjänst',
    category: 'DIGITAL_SUPERVISION',
    settings: ['HOME_CARE'],
    purpose: 'Pröva om digital nattillsyn ger bättre nattsömn och färre onödiga besök.',
    expectedBenefit: 'Brukare störs mindre nattetid; personalen får tid till andra insatser.',
    baseline: 'Fysiska tillsynsbesök 2–4 gånger per natt.',
    plannedStart: '2026-11-01',
    plannedEnd: '2027-04-30',
    broadRolloutIntended: true,
    consentApproach: 'PERSON_THEMSELF',
    consentDescription: 'Skriftligt samtycke från brukaren, med bildstöd vid behov.',
    informationSecurity: 'Ingen lagring av bild; krypterad överföring.',
    workEnvironment: 'Nattpersonalen tränas i larmhantering.',
    involvement: 'Personal och brukare deltar i utvärderingen.',
    risks: 'Tekniskt avbrott: reservrutin med fysisk tillsyn.',
    successCriteria: [
      { name: 'Andel nätter utan väckande besök', targetValue: 80, unit: '%' },
      { name: 'Personaltid per natt', targetValue: 45, unit: 'minuter' },
    ],
    documents: [{ title: 'Riskanalys', url: 'https://example.org/riskanalys.pdf' }],
    ...overrides,
  };
}

export async function createProtocol(
  api: TestApi,
  user: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<GqlResponse> {
  return api.gql(CREATE, { i: nightSupervisionPlan(overrides) }, { token: user.token });
}

export async function changeStatus(api: TestApi, user: TestUser, id: string, status: string): Promise<GqlResponse> {
  return api.gql(
    `mutation($i: ChangeTestProtocolStatusInput!) { changeTestProtocolStatus(input: $i) { id status } }`,
    { i: { id, status } },
    { token: user.token },
  );
}

export async function vote(
  api: TestApi,
  user: TestUser,
  versionId: string,
  recommendation: string,
  extra: Record<string, unknown> = {},
): Promise<GqlResponse> {
  return api.gql(
    `mutation($i: CastSteeringVoteInput!) { castSteeringVote(input: $i) { id recommendation organization { code } decision { id outcome } } }`,
    { i: { versionId, recommendation, rationale: `Motivering från ${user.email}`, ...extra } },
    { token: user.token },
  );
}

/** Every field of a frozen version's snapshot, so that the answer hashes like the stored JSON. */
export const SNAPSHOT_FIELDS = `snapshot {
  protocolId
  plan {
    title categoryId categoryKey productId needIds leadOrganizationId participatingOrganizationIds settings purpose
    expectedBenefit baseline plannedStart plannedEnd broadRolloutIntended consentApproach consentDescription
    informationSecurity workEnvironment involvement risks documents { title url }
    successCriteria { id name targetValue unit description }
  }
  participants { group women men otherOrUnknown }
  observations { id kind description occurredOn authorOrganizationId authorUserId }
  deviations { id description occurredOn actionTaken authorOrganizationId authorUserId }
  technicalFaults { id description occurredOn affectedComponent resolved authorOrganizationId authorUserId }
  results { criterionId criterion targetValue unit measuredValue met comment }
  handIn { gaps { kind criteria plannedEnd } reason }
}`;
