import { cacheExchange, Client, fetchExchange } from 'urql';
import { currentLang } from './i18n.js';
import { session, type SessionManager } from './session.js';

function isExpiredTokenResponse(body: unknown): boolean {
  const errors = (body as { errors?: { extensions?: { code?: string; reason?: string } }[] } | null)?.errors ?? [];
  return errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED' && e.extensions.reason === 'CORE_INVALID_TOKEN');
}

/**
 * Every GraphQL request carries the access token and the chosen language; a token that expired in flight is
 * refreshed once and the request repeated, so a user never sees an error for it.
 */
export function authenticatedFetch(
  manager: SessionManager,
  baseFetch: typeof fetch = (...args) => fetch(...args),
): typeof fetch {
  const send = (input: RequestInfo | URL, init: RequestInit | undefined) => {
    const headers = new Headers(init?.headers);
    headers.set('accept-language', currentLang());
    if (manager.accessToken) headers.set('authorization', `Bearer ${manager.accessToken}`);
    return baseFetch(input, { ...init, headers });
  };
  return async (input, init) => {
    if (manager.signedIn && manager.needsRefresh()) await manager.refresh();
    const response = await send(input, init);
    if (!manager.signedIn) return response;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    if (!isExpiredTokenResponse(body)) return response;
    const grant = await manager.refresh();
    if (!grant) return response;
    return send(input, init);
  };
}

export function createClient(manager: SessionManager = session): Client {
  return new Client({
    url: '/graphql',
    // Apollo's CSRF prevention refuses GET without a preflight header; POST with JSON always passes.
    preferGetMethod: false,
    exchanges: [cacheExchange, fetchExchange],
    fetch: authenticatedFetch(manager),
    requestPolicy: 'cache-and-network',
  });
}
