import { Link } from 'react-router';
import { graphql, type ResultOf } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { LoadMore } from '../ui/ListCard.js';
import { useConnection } from '../ui/useConnection.js';

export const FollowUpFields = graphql(`
  fragment FollowUpRow on FollowUp @_unmask {
    id
    wave
    dueOn
    status
    answeredAt
    implementation {
      id
      setting
      organization {
        name
      }
      product {
        name
      }
    }
  }
`);

const FollowUpsQuery = graphql(
  `
    query MyFollowUps($statuses: [FollowUpStatus!], $first: Int, $after: String) {
      followUps(statuses: $statuses, first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...FollowUpRow
        }
      }
    }
  `,
  [FollowUpFields],
);

export const FOLLOW_UP_CONTEXT = { additionalTypenames: ['FollowUp', 'FollowUpAnswer'] };

/** Follow-ups due for my organisation (overdue first), and the ones we answered. */
export default function FollowUpsPage() {
  const { t, lang } = useLanguage();
  const list = (statuses: ('OVERDUE' | 'OPEN' | 'ANSWERED')[]) => ({
    query: FollowUpsQuery,
    variables: { statuses },
    context: FOLLOW_UP_CONTEXT,
    // The worker opens follow-ups in the background: show the cached list at once, then the api's.
    requestPolicy: 'cache-and-network' as const,
    pick: (data: ResultOf<typeof FollowUpsQuery>) => data.followUps,
  });
  // Overdue ones have the earliest due dates: sorted by due date, they come first.
  const due = useConnection(list(['OVERDUE', 'OPEN']));
  const answered = useConnection(list(['ANSWERED']));
  const row = (f: (typeof due.nodes)[number]) => (
    <li key={f.id}>
      <Link className="primary-link" to={`/uppfoljningar/${f.id}`}>
        {t('followUp.rowTitle', { months: f.wave, product: f.implementation.product.name })}
      </Link>
      <div className="muted">
        {f.implementation.organization.name} · {t(`setting.${f.implementation.setting}` as MessageKey)} ·{' '}
        {t('followUp.due', { date: formatDate(f.dueOn, lang) })} · {t(`followUpStatus.${f.status}` as MessageKey)}
      </div>
    </li>
  );
  return (
    <Page title={t('followUp.title')}>
      <QueryState fetching={due.fetching} error={due.error ?? answered.error} hasData={due.hasData}>
        <section aria-labelledby="due-heading" className="card">
          <h2 id="due-heading">{t('followUp.dueForUs')}</h2>
          {due.nodes.length ? <ul className="plain-list">{due.nodes.map(row)}</ul> : <p>{t('followUp.noneDue')}</p>}
          <LoadMore list={due} />
        </section>
        <section aria-labelledby="answered-heading" className="card">
          <h2 id="answered-heading">{t('followUp.answered')}</h2>
          {answered.nodes.length ? (
            <ul className="plain-list">{answered.nodes.map(row)}</ul>
          ) : (
            <p>{answered.hasData ? t('app.empty') : t('app.loading')}</p>
          )}
          <LoadMore list={answered} />
        </section>
      </QueryState>
    </Page>
  );
}
