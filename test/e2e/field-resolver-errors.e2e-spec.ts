import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CoreError, OrganizationService, Role } from '#core';
import { createTestApi, type GqlResponse, type TestApi } from '../support/test-api.js';
import { createUser, type TestUser } from '../support/builders.js';

/**
 * Field resolvers run without Nest's filters (`fieldResolverEnhancers: []`); what they throw is mapped by
 * formatError exactly as the filter maps what queries and mutations throw: the same code, reason, field and
 * message in the request's language, and the request's id.
 */
describe('errors thrown by field resolvers', () => {
  let api: TestApi;
  let coach: TestUser;
  let organizations: OrganizationService;

  beforeAll(async () => {
    api = await createTestApi();
    coach = await createUser(api, '0461', [Role.TECH_COACH], 'coach');
    organizations = api.app.get(OrganizationService);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(() => api.close());

  // `User.organization` is a field resolver (OrganizationService.load); `organization(id)` a query (.get).
  const FIELD = `{ me { id organization { name } } }`;
  const QUERY = `query($id: ID!) { organization(id: $id) { name } }`;
  const withoutRequestId = (response: GqlResponse) => {
    const { requestId, ...extensions } = response.errors![0].extensions;
    expect(requestId).toBe(response.headers['x-request-id']);
    return { message: response.errors![0].message, extensions };
  };

  it.each(['sv', 'en'])('maps a domain error of a field as that of a query, in %s', async (lang) => {
    const forbidden = () => CoreError.FORBIDDEN_ORGANIZATION({ field: 'organizationId' });
    jest.spyOn(organizations, 'load').mockImplementation(() => Promise.reject(forbidden()));
    jest.spyOn(organizations, 'get').mockImplementation(() => Promise.reject(forbidden()));
    const headers = { 'accept-language': lang };
    const field = await api.gql(FIELD, {}, { token: coach.token, headers });
    const query = await api.gql(QUERY, { id: coach.organizationId }, { token: coach.token, headers });
    expect(field.errors).toHaveLength(1);
    expect(field.errors![0].path).toEqual(['me', 'organization']);
    expect(field.data).toBeNull(); // `me` and `organization` are non-null
    expect(withoutRequestId(field)).toEqual(withoutRequestId(query));
    expect(field.errors![0]).toMatchObject({
      message: forbidden().messageIn(lang as 'sv' | 'en'),
      extensions: { code: 'FORBIDDEN', reason: forbidden().reason, field: 'organizationId' },
    });
  });

  it('answers a fault in a field resolver as an internal error with the request id', async () => {
    jest.spyOn(organizations, 'load').mockImplementation(() => Promise.reject(new TypeError('boom')));
    const field = await api.gql(FIELD, {}, { token: coach.token, headers: { 'accept-language': 'en' } });
    expect(field.errors).toHaveLength(1);
    expect(field.errors![0]).toEqual({
      message: 'Internt fel. Försök igen senare. / Internal error.',
      path: ['me', 'organization'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: field.headers['x-request-id'] },
    });
  });
});
