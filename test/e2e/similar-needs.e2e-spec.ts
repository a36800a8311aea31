import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, reportNeed } from '../support/needs-builders.js';

const SIMILAR = `query($t: String!, $d: String) { similarNeeds(title: $t, description: $d) { score need { id title } } }`;
const DUPLICATES = `query($id: ID!) { need(id: $id) { possibleDuplicates { score need { id title } } } }`;

type Hit = { score: number; need: { id: string; title: string } };

/**
 * The reporter's similar needs and node staff's likely duplicates come from one ranking: the same candidates and
 * the same floor. The pair the demo county showed disagreeing: the report form listed "Nattliga tillsynsbesök
 * väcker brukare" for "Nattkamera för brukare med demens", the triage inbox said "Inga liknande behov".
 */
describe('needs: one ranking of similar needs for the reporter and for triage', () => {
  let api: TestApi;
  let staff: TestUser;
  let eskilstunaCoach: TestUser;
  let nightVisits: { id: string };
  let outdoors: { id: string };
  const draft = {
    title: 'Nattkamera för brukare med demens',
    description:
      'Brukare med demens vaknar av ficklampan när nattpersonalen tittar in. En kamera kunde ersätta besöken.',
  };

  beforeAll(async () => {
    api = await createTestApi();
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    const flenCoach = await createUser(api, '0482', [Role.TECH_COACH], 'flen-coach');
    const katrineholmCoach = await createUser(api, '0483', [Role.TECH_COACH], 'katrineholm-coach');
    eskilstunaCoach = await createUser(api, '0484', [Role.TECH_COACH], 'eskilstuna-coach');
    // The demo county's needs, as their coaches reported them.
    nightVisits = await reportNeed(api, flenCoach, {
      title: 'Nattliga tillsynsbesök väcker brukare',
      description:
        'Nattpatrullen tittar till brukare i ordinärt boende två till fyra gånger per natt. Många vaknar och somnar inte om; några blir oroliga.',
      category: 'DIGITAL_SUPERVISION',
    });
    const medication = await reportNeed(api, katrineholmCoach, {
      title: 'Missade läkemedelsdoser hos brukare med minnessvikt',
      description:
        'Brukare med minnessvikt glömmer doser mellan besöken; personalen upptäcker det först vid nästa besök.',
    });
    outdoors = await reportNeed(api, eskilstunaCoach, {
      title: 'Trygghetslarmet fungerar inte utomhus',
      description:
        'Brukare som vill gå promenader vågar inte, eftersom larmet bara fungerar inomhus. Anhöriga oroar sig.',
    });
    for (const id of [nightVisits.id, medication.id, outdoors.id])
      expect((await changeStatus(api, staff, id, 'TRIAGED')).errors).toBeUndefined();
    // Not yet triaged: node staff see it, the Eskilstuna coach does not.
    await reportNeed(api, flenCoach, {
      title: 'Dörrar som brukare inte kan låsa upp för hemtjänsten',
      description:
        'Nyckelhanteringen tar tid och nycklar kommer bort; brukare med demens hittar inte nyckeln när personalen ringer på.',
    });
  });
  afterAll(() => api?.close());

  it('lists "Nattliga tillsynsbesök väcker brukare" both in the report form and in the triage inbox, with one score', async () => {
    const similar = await api.gql(SIMILAR, { t: draft.title, d: draft.description }, { token: eskilstunaCoach.token });
    expect(similar.errors).toBeUndefined();
    const forCoach = similar.data!.similarNeeds as Hit[];
    const pair = forCoach.find((h) => h.need.id === nightVisits.id);
    expect(pair).toBeDefined();

    const filed = await reportNeed(api, eskilstunaCoach, draft);
    const triage = await api.gql(DUPLICATES, { id: filed.id }, { token: staff.token });
    expect(triage.errors).toBeUndefined();
    const forStaff = triage.data!.need.possibleDuplicates as Hit[];
    expect(forStaff.find((h) => h.need.id === nightVisits.id)).toEqual(pair);

    // Every need the coach was shown is among staff's likely duplicates, in the same order with the same score;
    // staff also see what the coach may not (a need not yet triaged), never fewer.
    const staffSeen = forStaff.filter((h) => forCoach.some((c) => c.need.id === h.need.id));
    expect(staffSeen).toEqual(forCoach);
    expect(forStaff.length).toBeGreaterThan(forCoach.length);
    expect(forStaff.map((h) => h.need.title)).toContain('Dörrar som brukare inte kan låsa upp för hemtjänsten');
    // Both lists stop at the same floor: what shares only a common word stays out of both.
    expect(forStaff.map((h) => h.need.id)).not.toContain(filed.id);
    expect(forStaff.map((h) => h.need.id)).not.toContain(outdoors.id);
    expect(forCoach.map((h) => h.need.id)).not.toContain(outdoors.id);
    expect(Math.min(...forStaff.map((h) => h.score))).toBeGreaterThanOrEqual(0.1);
  });
});
