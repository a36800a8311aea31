import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { reportNeed } from '../support/needs-builders.js';
import { createTestApi, type TestApi } from '../support/test-api.js';

/** `totalCount` on every connection: the web app's counts (unread notifications, inbox) rest on it. */
describe('connection totalCount', () => {
  let api: TestApi;
  let coach: TestUser;

  beforeAll(async () => {
    api = await createTestApi();
    coach = await createUser(api, '0482', [Role.TECH_COACH], 'coach');
    for (const title of ['Dörrlarm saknas', 'Tillsyn via kamera', 'Läkemedelsrobot piper'])
      await reportNeed(api, coach, { title });
  });
  afterAll(() => api.close());

  it('counts all matches beyond the page, at one extra statement and only when asked for', async () => {
    const counted = await api.gql(`{ myNeeds(first: 2) { totalCount nodes { id } } }`, {}, { token: coach.token });
    expect(counted.errors).toBeUndefined();
    expect(counted.data?.myNeeds).toMatchObject({ totalCount: 3 });
    expect(counted.data?.myNeeds.nodes).toHaveLength(2);
    const plain = await api.gql(`{ myNeeds(first: 2) { nodes { id } } }`, {}, { token: coach.token });
    expect(counted.sqlStatements).toBe(plain.sqlStatements + 1);
    const notifications = await api.gql(
      `{ myNotifications(unreadOnly: true, first: 1) { totalCount } }`,
      {},
      { token: coach.token },
    );
    expect(notifications.data?.myNotifications.totalCount).toBe(0);
  });
});
