import { Link } from 'react-router';
import type { CombinedError } from 'urql';
import { useLanguage } from '../app/i18n.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { Page } from './Page.js';

/** Where each kind of item is listed, for the way back from one the user may not see. */
const LISTS = {
  need: '/behov/mina',
  protocol: '/testprotokoll',
  decision: '/beslut',
  procurement: '/upphandlingar',
  agreement: '/upphandlingar',
  implementation: '/uppfoljningar',
  followUp: '/uppfoljningar',
  article: '/kunskap',
  thread: '/',
} as const;

export type ItemKind = keyof typeof LISTS;

/**
 * The api answers NOT_FOUND both for what does not exist and for what the caller may not see (so that no one
 * learns what another organisation keeps): the page says so in words, with a heading and ways on.
 */
export function isNotFound(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND');
}

export function NotVisible({ kind }: { kind: ItemKind }) {
  const { t } = useLanguage();
  return (
    <Page title={t(`notVisible.${kind}` as MessageKey)}>
      <p>{t('notVisible.body')}</p>
      <ul className="plain-list">
        {LISTS[kind] !== '/' && (
          <li>
            <Link to={LISTS[kind]}>{t(`notVisible.back.${kind}` as MessageKey)}</Link>
          </li>
        )}
        <li>
          <Link to="/">{t('app.notFound.home')}</Link>
        </li>
      </ul>
    </Page>
  );
}
