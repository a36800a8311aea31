import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { isMessageKey } from '../app/i18n/catalog.js';

export const SignInOptionsQuery = graphql(`
  query SignInOptions {
    identityProviders {
      id
      displayName
      organizationName
      kind
    }
  }
`);

/** Above this many, a search field helps find one's organisation. */
const FIND_FROM = 6;

/** “Logga in med <organisation/IdP>” buttons: plain links to the api's start route, which sends the browser on. */
export function SignInOptions({ returnTo }: { returnTo: string }) {
  const { t } = useLanguage();
  const [{ data }] = useQuery({ query: SignInOptionsQuery });
  const [find, setFind] = useState('');
  const options = useMemo(() => data?.identityProviders ?? [], [data]);
  const shown = useMemo(() => {
    const needle = find.trim().toLocaleLowerCase('sv');
    return needle
      ? options.filter((o) => `${o.organizationName} ${o.displayName}`.toLocaleLowerCase('sv').includes(needle))
      : options;
  }, [options, find]);
  if (!options.length) return null;
  return (
    <section aria-labelledby="sso-heading" className="stack sign-in-options">
      <h2 id="sso-heading">{t('sso.heading')}</h2>
      {options.length >= FIND_FROM && (
        <TextField
          label={t('sso.find')}
          description={t('sso.findHint')}
          value={find}
          onChange={setFind}
          type="search"
        />
      )}
      {shown.length === 0 ? (
        <p role="status">{t('sso.noneFound')}</p>
      ) : (
        <ul className="sign-in-option-list">
          {shown.map((o) => (
            <li key={o.id}>
              <a className="button-link" href={`/auth/sso/${o.id}/start?till=${encodeURIComponent(returnTo)}`}>
                {o.displayName === o.organizationName
                  ? t('sso.button', { name: o.displayName })
                  : t('sso.buttonOrg', { name: o.displayName, organization: o.organizationName })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A refused sign-in through a provider: plain words and the support code (the reason is in the api's log). */
export function SsoRefusalNotice({ refusal, code }: { refusal: string | null; code: string | null }) {
  const { t } = useLanguage();
  if (!refusal) return null;
  const key = `sso.refused.${refusal}`;
  return (
    <div role="alert" className="error-summary">
      <p>{t(isMessageKey(key) ? key : 'sso.refused.NOT_CONFIRMED')}</p>
      {code && /^[0-9A-F]{4}-[0-9A-F]{4}$/.test(code) && <p>{t('sso.supportCode', { code })}</p>}
    </div>
  );
}
