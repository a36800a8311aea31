import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ManualClock, Role } from '#core';
import { createTestApi, type GqlResponse, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus as changeNeedStatus, reportNeed } from '../support/needs-builders.js';
import { changeStatus as changeProtocolStatus, createProtocol } from '../support/testbed-builders.js';
import { CHANGE_STATUS, CREATE_PROCUREMENT, mobileAlarmProcurement } from '../support/procurement-builders.js';
import { createProduct, createSupplier } from '../support/catalog-builders.js';

/**
 * The thread's links are object fields filtered by the target's own policy; the id lists that named every
 * linked item whoever asked (`needIds`, `testDecisionIds`) are gone from the output types. A need Flen keeps
 * to itself (declined before triage) and Flen's own implementation are linked to a test and a procurement every
 * member sees: Eskilstuna and an anonymous caller never learn their ids, Flen (the owner) does.
 */
describe('thread links name only what the caller may see', () => {
  jest.setTimeout(60_000);
  let api: TestApi;
  let staff: TestUser;
  let flen: TestUser;
  let eskilstuna: TestUser;
  const ids: Record<string, string> = {};

  const ok = (response: GqlResponse) => {
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const LINKS = `query($need: ID!, $protocol: ID!, $procurement: ID!) {
    need(id: $need) { id tests { id needs { id } } procurements { id needs { id } decisions { id } } implementations { id needs { id } } }
    testProtocol(id: $protocol) { id needs { id } }
    procurement(id: $procurement) { id needs { id } decisions { id } frameworkAgreement { decisions { id } } }
  }`;
  const links = (token?: string) =>
    api.gql(LINKS, { need: ids.shared, protocol: ids.protocol, procurement: ids.procurement }, { token });

  beforeAll(async () => {
    api = await createTestApi(new ManualClock('2026-11-22T08:00:00.000Z'));
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'staff');
    flen = await createUser(api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'flen');
    eskilstuna = await createUser(api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'eskilstuna');
    const supplierId = await createSupplier(api, staff, 'Nattbolaget AB');
    const productId = await createProduct(api, staff, 'DIGITAL_SUPERVISION', 'Nattkamera', ['1.0'], supplierId);

    ids.hidden = (await reportNeed(api, flen, { title: 'Flens egna nattbesök', category: 'DIGITAL_SUPERVISION' })).id;
    ok(await changeNeedStatus(api, staff, ids.hidden, 'DECLINED', 'Löses inom Flen'));
    ids.shared = (
      await reportNeed(api, flen, { title: 'Nattbesök väcker brukare', category: 'DIGITAL_SUPERVISION' })
    ).id;
    ok(await changeNeedStatus(api, staff, ids.shared, 'TRIAGED', 'Delas av flera kommuner'));

    ids.protocol = ok(
      await createProtocol(api, flen, {
        needIds: [ids.hidden, ids.shared],
        productId,
        plannedStart: '2026-12-01',
        plannedEnd: '2027-03-31',
      }),
    ).createTestProtocol.id;
    ok(await changeProtocolStatus(api, flen, ids.protocol, 'RUNNING'));

    ids.procurement = ok(
      await api.gql(
        CREATE_PROCUREMENT,
        { i: mobileAlarmProcurement({ category: 'DIGITAL_SUPERVISION', needIds: [ids.hidden, ids.shared] }) },
        { token: staff.token },
      ),
    ).createProcurement.id;
    ok(
      await api.gql(
        CHANGE_STATUS,
        { i: { id: ids.procurement, status: 'OPEN_FOR_PARTICIPATION' } },
        { token: staff.token },
      ),
    );

    ids.implementation = ok(
      await api.gql(
        `mutation($i: RecordImplementationInput!) { recordImplementation(input: $i) { id } }`,
        {
          i: {
            productId,
            setting: 'HOME_CARE',
            status: 'PILOT',
            goLiveOn: '2026-11-01',
            responsibleUserId: flen.id,
            needIds: [ids.shared],
          },
        },
        { token: flen.token },
      ),
    ).recordImplementation.id;
  });
  afterAll(() => api.close());

  it("the owner sees its own private need and implementation among the links (the filter is the target's policy)", async () => {
    const text = JSON.stringify(ok(await links(flen.token)));
    expect(text).toContain(ids.hidden);
    expect(text).toContain(ids.implementation);
  });

  it('a caller from another organisation sees the shared links and never the private ones', async () => {
    const data = ok(await links(eskilstuna.token));
    expect(data.testProtocol.needs).toEqual([{ id: ids.shared }]);
    expect(data.procurement.needs).toEqual([{ id: ids.shared }]);
    expect(data.need.tests).toEqual([{ id: ids.protocol, needs: [{ id: ids.shared }] }]);
    expect(data.need.implementations).toEqual([]);
    const text = JSON.stringify(data);
    expect(text).not.toContain(ids.hidden);
    expect(text).not.toContain(ids.implementation);
  });

  it('an anonymous caller is refused without any linked id', async () => {
    const response = await links(undefined);
    expect(response.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const text = JSON.stringify({ data: response.data, errors: response.errors });
    for (const id of [ids.hidden, ids.shared, ids.implementation]) expect(text).not.toContain(id);
  });

  it('the unfiltered id lists are gone from the output types', async () => {
    for (const query of [
      `query($id: ID!) { procurement(id: $id) { needIds } }`,
      `query($id: ID!) { procurement(id: $id) { testDecisionIds } }`,
      `query($id: ID!) { testProtocol(id: $id) { needIds } }`,
      `query($id: ID!) { implementation(id: $id) { needIds } }`,
    ]) {
      const id = query.includes('procurement')
        ? ids.procurement
        : query.includes('testProtocol')
          ? ids.protocol
          : ids.implementation;
      const response = await api.gql(query, { id }, { token: eskilstuna.token });
      expect(response.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(response)).not.toContain(ids.hidden);
    }
  });
});
