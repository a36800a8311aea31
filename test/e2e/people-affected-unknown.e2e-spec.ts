import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, reportNeed } from '../support/needs-builders.js';

const PEOPLE = `query($id: ID!) { need(id: $id) { estimatedPeopleAffected peopleAffected endorsements { peopleAffected } } }`;
const ENDORSE = `mutation($input: EndorseNeedInput!) { endorseNeed(input: $input) { id peopleAffected } }`;

/** An empty "Ungefär hur många berörs?" is unknown, not zero: the api answers null until someone gives a number. */
describe('people affected: unknown is not zero', () => {
  let api: TestApi;
  let coach: TestUser;
  let flen: TestUser;
  let trosa: TestUser;
  let staff: TestUser;

  beforeAll(async () => {
    api = await createTestApi();
    coach = await createUser(api, '0484', [Role.TECH_COACH], 'Eskilstuna coach');
    flen = await createUser(api, '0482', [Role.TECH_COACH], 'Flen coach');
    trosa = await createUser(api, '0488', [Role.TECH_COACH], 'Trosa coach');
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
  });
  afterAll(() => api.close());

  it('stays null while nobody estimated, and becomes the sum of the estimates given', async () => {
    const need = await reportNeed(api, coach, {
      title: 'Nattkamera för brukare med demens',
      estimatedPeopleAffected: null,
    });
    // Other organisations see (and endorse) a need once the node has triaged it.
    expect((await changeStatus(api, staff, need.id, 'TRIAGED')).errors).toBeUndefined();
    const read = async () => (await api.gql(PEOPLE, { id: need.id }, { token: coach.token })).data!.need;
    expect(await read()).toMatchObject({ estimatedPeopleAffected: null, peopleAffected: null });

    const endorsed = await api.gql(
      ENDORSE,
      { input: { needId: need.id, peopleAffected: null } },
      { token: flen.token },
    );
    expect(endorsed.data!.endorseNeed.peopleAffected).toBeNull();
    expect(await read()).toMatchObject({ peopleAffected: null, endorsements: [{ peopleAffected: null }] });

    await api.gql(ENDORSE, { input: { needId: need.id, peopleAffected: 3 } }, { token: trosa.token });
    expect((await read()).peopleAffected).toBe(3);
  });

  it('a reported zero is a known zero', async () => {
    const need = await reportNeed(api, coach, { title: 'Ingen berörs ännu', estimatedPeopleAffected: 0 });
    const read = await api.gql(PEOPLE, { id: need.id }, { token: coach.token });
    expect(read.data!.need).toMatchObject({ estimatedPeopleAffected: 0, peopleAffected: 0 });
  });
});
