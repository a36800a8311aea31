import { type ApiError, toApiErrors } from './api-errors.js';

export interface AccessGrant {
  accessToken: string;
  /** Seconds the token lives, from the api; counted on this device's clock, which may differ from the api's. */
  expiresIn: number;
}

interface HeldGrant {
  accessToken: string;
  refreshAfter: number;
}

type Listener = (grant: AccessGrant | null) => void;

/** Refresh this long before the access token expires, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The browser's session: the short-lived access token lives only in memory; the refresh token is an HttpOnly
 * cookie the api rotates on every use. Tabs share that cookie, so refreshes are serialised across tabs
 * (Web Locks): two tabs presenting the same token at once would look like theft and end the session.
 */
export class SessionManager {
  private grant: HeldGrant | null = null;
  private inFlight: Promise<AccessGrant | null> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    private readonly now: () => number = () => Date.now(),
    private readonly locks: Pick<LockManager, 'request'> | undefined = globalThis.navigator?.locks,
  ) {}

  get accessToken(): string | null {
    return this.grant?.accessToken ?? null;
  }

  get signedIn(): boolean {
    return this.grant !== null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True when the token is missing or about to expire. */
  needsRefresh(): boolean {
    return !this.grant || this.now() >= this.grant.refreshAfter;
  }

  async signIn(email: string, password: string, lang: string): Promise<ApiError[]> {
    const response = await this.post('/auth/session', lang, { email, password });
    const body = (await response.json().catch(() => ({}))) as Partial<AccessGrant> & { error?: { message: string } };
    // The /auth routes answer errors as `{ error: { message, code, field, reason } }`.
    if (!response.ok || !body.accessToken)
      return toApiErrors([
        body.error
          ? { message: body.error.message, extensions: body.error as Record<string, unknown> }
          : { message: response.statusText },
      ]);
    this.set(body as AccessGrant);
    return [];
  }

  /** A new access token from the refresh cookie; null (signed out) when the session has ended. */
  refresh(): Promise<AccessGrant | null> {
    this.inFlight ??= this.withLock(async () => {
      const response = await this.post('/auth/refresh', undefined, {});
      const body = (await response.json().catch(() => ({}))) as Partial<AccessGrant>;
      const grant = response.ok && body.accessToken ? (body as AccessGrant) : null;
      this.set(grant);
      return grant;
    }).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  async signOut(): Promise<void> {
    try {
      await this.post('/auth/logout', undefined, {});
    } finally {
      this.set(null);
    }
  }

  /** The session ended elsewhere (password changed, user deactivated, token reused): forget it here. */
  expire(): void {
    this.set(null);
  }

  private set(grant: AccessGrant | null): void {
    const changed = (grant?.accessToken ?? null) !== (this.grant?.accessToken ?? null);
    this.grant = grant && {
      accessToken: grant.accessToken,
      refreshAfter: this.now() + Math.max(0, grant.expiresIn * 1000 - REFRESH_MARGIN_MS),
    };
    if (changed) for (const listener of this.listeners) listener(grant);
  }

  private withLock<T>(work: () => Promise<T>): Promise<T> {
    return this.locks ? this.locks.request('noden-session-refresh', work) : work();
  }

  private post(path: string, lang: string | undefined, body: unknown): Promise<Response> {
    return this.fetchImpl(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) },
      body: JSON.stringify(body),
    });
  }
}

export const session = new SessionManager();
