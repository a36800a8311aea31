import type { TestApi } from './test-api.js';
import type { TestUser } from './builders.js';

export const NEED_FIELDS = `id title status statusReason organizationId endorsementCount peopleAffected mergedIntoId
  organization { code } category { key }`;

export interface NeedDraft {
  title?: string;
  description?: string;
  targetGroup?: string;
  setting?: string;
  source?: string;
  category?: string | null;
  urgency?: string;
  hardToReach?: boolean;
  estimatedPeopleAffected?: number | null;
}

export function needDraft(overrides: NeedDraft = {}): Required<NeedDraft> {
  return {
    title: 'Tillsyn på natten väcker brukare',
    description: 'Nattpatrullen väcker brukare i ordinärt boende när de tittar till dem, och många somnar inte om.',
    targetGroup: 'CARE_RECIPIENTS_ORDINARY_HOUSING',
    setting: 'HOME_CARE',
    source: 'STAFF',
    category: null,
    urgency: 'MEDIUM',
    hardToReach: false,
    estimatedPeopleAffected: null,
    ...overrides,
  };
}

/** Reports a need through the API as `user`; fails loudly when the API refuses. */
export async function reportNeed(
  api: TestApi,
  user: TestUser,
  overrides: NeedDraft = {},
): Promise<{ id: string; title: string; status: string }> {
  const response = await api.gql(
    `mutation($i: ReportNeedInput!) { reportNeed(input: $i) { id title status } }`,
    { i: needDraft(overrides) },
    { token: user.token },
  );
  if (!response.data?.reportNeed) throw new Error(`reportNeed failed: ${JSON.stringify(response.errors)}`);
  return response.data.reportNeed;
}

export async function changeStatus(api: TestApi, staff: TestUser, needId: string, status: string, reason?: string) {
  return api.gql(
    `mutation($i: ChangeNeedStatusInput!) { changeNeedStatus(input: $i) { id status statusReason } }`,
    { i: { needId, status, reason } },
    { token: staff.token },
  );
}

export async function endorse(
  api: TestApi,
  user: TestUser,
  needId: string,
  extra: { comment?: string; peopleAffected?: number } = {},
) {
  return api.gql(
    `mutation($i: EndorseNeedInput!) { endorseNeed(input: $i) { id endorsementCount peopleAffected } }`,
    { i: { needId, ...extra } },
    { token: user.token },
  );
}
