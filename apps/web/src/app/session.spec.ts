import { describe, expect, it } from '@jest/globals';
import { SessionManager } from './session.js';

/** A fake /auth api: each refresh answers a new token after the test lets it finish. */
function fakeAuth() {
  const calls: string[] = [];
  let issued = 0;
  let sessionAlive = true;
  const fetchImpl = (async (url: string) => {
    calls.push(url);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (url === '/auth/logout') {
      sessionAlive = false;
      return new Response(null, { status: 204 });
    }
    if (!sessionAlive)
      return Response.json(
        { error: { message: 'Sessionen har upphört.', code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' } },
        { status: 401 },
      );
    issued += 1;
    return Response.json({ accessToken: `token-${issued}`, expiresAt: 'ignored', expiresIn: 900 });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl, end: () => (sessionAlive = false) };
}

describe('SessionManager (the browser side of sessions)', () => {
  it('sends one refresh for any number of simultaneous requests (a second would look like a stolen token)', async () => {
    const auth = fakeAuth();
    const session = new SessionManager(auth.fetchImpl, () => 0, undefined);
    const grants = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(auth.calls).toEqual(['/auth/refresh']);
    expect(grants.map((g) => g?.accessToken)).toEqual(['token-1', 'token-1', 'token-1']);
    expect(session.accessToken).toBe('token-1');
  });

  it('refreshes a minute before the token expires, counted on the device clock whatever the api’s clock says', async () => {
    let now = 1_000_000;
    const session = new SessionManager(fakeAuth().fetchImpl, () => now, undefined);
    await session.refresh();
    now += 839_000;
    expect(session.needsRefresh()).toBe(false);
    now += 1_000;
    expect(session.needsRefresh()).toBe(true);
  });

  it('signs out when the session has ended elsewhere, and tells its listeners', async () => {
    const auth = fakeAuth();
    const session = new SessionManager(auth.fetchImpl, () => 0, undefined);
    const seen: (string | null)[] = [];
    session.subscribe((grant) => seen.push(grant?.accessToken ?? null));
    await session.refresh();
    auth.end();
    expect(await session.refresh()).toBeNull();
    expect(session.signedIn).toBe(false);
    expect(seen).toEqual(['token-1', null]);
  });

  it('returns the api’s sign-in errors with their field, and holds no token after them', async () => {
    const fetchImpl = (async () =>
      Response.json(
        { error: { message: 'Wrong e-mail address or password.', code: 'UNAUTHENTICATED', field: 'password' } },
        { status: 401 },
      )) as unknown as typeof fetch;
    const session = new SessionManager(fetchImpl, () => 0, undefined);
    expect(await session.signIn('kim@flen.se', 'fel', 'en')).toEqual([
      { message: 'Wrong e-mail address or password.', code: 'UNAUTHENTICATED', field: 'password', reason: undefined },
    ]);
    expect(session.signedIn).toBe(false);
  });
});
