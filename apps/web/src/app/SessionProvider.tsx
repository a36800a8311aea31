import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { graphql, type ResultOf } from './graphql.js';
import { createClient } from './client.js';
import { session } from './session.js';
import type { ApiError } from './api-errors.js';
import { toApiErrors } from './api-errors.js';
import { useLanguage } from './i18n.js';
import { hasStoredLang } from './i18n/catalog.js';

export const MeQuery = graphql(`
  query Me {
    me {
      id
      displayName
      email
      language
      roles
      hasPassword
      organization {
        id
        name
        shortName
        kind
      }
    }
  }
`);

export const SetMyLanguage = graphql(`
  mutation SetMyLanguage($language: Language!) {
    setMyLanguage(language: $language) {
      id
      language
    }
  }
`);

export type Me = ResultOf<typeof MeQuery>['me'];
export type Role = Me['roles'][number];

type Status = 'starting' | 'signedOut' | 'signedIn';

interface SessionValue {
  status: Status;
  me: Me | null;
  /** Why the user is signed out: they chose to, or the session ended (expired, revoked elsewhere). */
  signedOutReason: 'signedOut' | 'expired' | null;
  signIn: (email: string, password: string) => Promise<ApiError[]>;
  signOut: (reason?: 'signedOut' | 'expired') => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { lang, setLang } = useLanguage();
  const [client, setClient] = useState(() => createClient());
  const [status, setStatus] = useState<Status>('starting');
  const [me, setMe] = useState<Me | null>(null);
  const [signedOutReason, setSignedOutReason] = useState<SessionValue['signedOutReason']>(null);

  // Read at sign-in time, not a dependency: a language switch must not restart the session (a second refresh).
  const langRef = useRef(lang);
  langRef.current = lang;

  const loadMe = useCallback(async (): Promise<ApiError[]> => {
    const result = await client.query(MeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    if (!result.data) return result.error ? toApiErrors(result.error.graphQLErrors) : [];
    const me = result.data.me;
    setMe(me);
    setStatus('signedIn');
    // The account's language follows the user to every device; a choice made on this device before signing in wins.
    if (me.language !== langRef.current) {
      if (hasStoredLang()) void client.mutation(SetMyLanguage, { language: langRef.current }).toPromise();
      else setLang(me.language);
    }
    return [];
  }, [client, setLang]);

  useEffect(() => {
    let cancelled = false;
    session.refresh().then(
      async (grant) => {
        if (cancelled) return;
        if (grant) await loadMe();
        else setStatus('signedOut');
      },
      () => !cancelled && setStatus('signedOut'),
    );
    return () => {
      cancelled = true;
    };
  }, [loadMe]);

  useEffect(
    () =>
      session.subscribe((grant) => {
        if (grant) return;
        setMe(null);
        setStatus('signedOut');
        setClient(createClient());
      }),
    [],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const errors = await session.signIn(email, password, lang);
      if (errors.length) return errors;
      setSignedOutReason(null);
      return loadMe();
    },
    [lang, loadMe],
  );

  const signOut = useCallback(async (reason: 'signedOut' | 'expired' = 'signedOut') => {
    setSignedOutReason(reason);
    if (reason === 'expired') session.expire();
    else await session.signOut();
  }, []);

  const value = useMemo<SessionValue>(
    () => ({
      status,
      me,
      signedOutReason,
      signIn,
      signOut,
      hasRole: (...roles) => !!me && roles.some((r) => me.roles.includes(r)),
    }),
    [status, me, signedOutReason, signIn, signOut],
  );
  return (
    <SessionContext.Provider value={value}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
