import { Link } from 'react-router';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate, formatNumber } from '../app/format.js';
import { Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { StatusTag } from '../ui/StatusTag.js';
import { LoadMore } from '../ui/ListCard.js';
import { useConnection } from '../ui/useConnection.js';

const MyNeeds = graphql(`
  query MyNeeds($first: Int, $after: String) {
    myNeeds(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        status
        statusReason
        statusChangedAt
        createdAt
        endorsementCount
        peopleAffected
      }
    }
  }
`);

export default function MyNeedsPage() {
  const { t, lang } = useLanguage();
  const list = useConnection({ query: MyNeeds, variables: {}, pick: (data) => data.myNeeds });
  return (
    <Page title={t('myNeeds.title')} actions={<Link to="/behov/nytt">{t('nav.reportNeed')}</Link>}>
      <QueryState fetching={list.fetching} error={list.error} hasData={list.hasData}>
        {list.nodes.length ? (
          <ul className="need-list">
            {list.nodes.map((need) => (
              <li key={need.id} className="card">
                <h2 className="need-title">
                  <Link to={`/behov/${need.id}`}>{need.title}</Link>
                </h2>
                <p>
                  <StatusTag status={need.status} />{' '}
                  <span className="muted">{formatDate(need.statusChangedAt, lang)}</span>
                </p>
                {need.statusReason && <p>{need.statusReason}</p>}
                <p className="muted">
                  {t('need.reportedOn')} {formatDate(need.createdAt, lang)} · {t('need.peopleAffected')}:{' '}
                  {need.peopleAffected == null ? t('need.people.unknown') : formatNumber(need.peopleAffected, lang)}
                  {need.endorsementCount > 0 && ` · ${t('report.similar.sharedBy', { count: need.endorsementCount })}`}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            {t('myNeeds.none')} <Link to="/behov/nytt">{t('start.coach.report')}</Link>
          </p>
        )}
        <LoadMore list={list} />
      </QueryState>
    </Page>
  );
}
