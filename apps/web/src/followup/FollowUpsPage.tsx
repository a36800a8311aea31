import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';

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
    query MyFollowUps {
      open: followUps(status: OPEN, first: 50) {
        nodes {
          ...FollowUpRow
        }
      }
      overdue: followUps(status: OVERDUE, first: 50) {
        nodes {
          ...FollowUpRow
        }
      }
      answered: followUps(status: ANSWERED, first: 20) {
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
  const [{ data, fetching, error }] = useQuery({
    query: FollowUpsQuery,
    context: FOLLOW_UP_CONTEXT,
    requestPolicy: 'cache-and-network',
  });
  const due = [...(data?.overdue.nodes ?? []), ...(data?.open.nodes ?? [])];
  const row = (f: (typeof due)[number]) => (
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
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        <section aria-labelledby="due-heading" className="card">
          <h2 id="due-heading">{t('followUp.dueForUs')}</h2>
          {due.length ? <ul className="plain-list">{due.map(row)}</ul> : <p>{t('followUp.noneDue')}</p>}
        </section>
        <section aria-labelledby="answered-heading" className="card">
          <h2 id="answered-heading">{t('followUp.answered')}</h2>
          {data?.answered.nodes.length ? (
            <ul className="plain-list">{data.answered.nodes.map(row)}</ul>
          ) : (
            <p>{t('app.empty')}</p>
          )}
        </section>
      </QueryState>
    </Page>
  );
}
