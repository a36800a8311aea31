import { Link } from 'react-router';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { ListTable, LoadMore } from '../ui/ListCard.js';
import { useConnection } from '../ui/useConnection.js';
import { REVIEW_CONTEXT } from './ReviewQueuePage.js';

const Decisions = graphql(`
  query Decisions($first: Int, $after: String) {
    decisions(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        outcome
        decidedAt
        versionNumber
        category {
          labelSv
          labelEn
        }
        protocol {
          id
          title
          leadOrganization {
            name
          }
        }
      }
    }
  }
`);

export default function DecisionsPage() {
  const { t, lang } = useLanguage();
  const list = useConnection({
    query: Decisions,
    variables: {},
    context: REVIEW_CONTEXT,
    pick: (data) => data.decisions,
  });
  return (
    <Page title={t('decisions.title')}>
      <QueryState fetching={list.fetching} error={list.error} hasData={list.hasData}>
        <ListTable
          items={list.nodes}
          rowKey={(d) => d.id}
          empty={t('decisions.none')}
          columns={[
            {
              header: t('decision.protocol'),
              cell: (d) => (
                <>
                  <Link to={`/beslut/${d.id}`}>
                    {d.protocol?.title ?? t('review.version', { number: d.versionNumber })}
                  </Link>
                  <div className="muted">
                    {lang === 'en' ? d.category.labelEn : d.category.labelSv}
                    {d.protocol && ` · ${d.protocol.leadOrganization.name}`}
                  </div>
                </>
              ),
            },
            { header: t('decisions.outcome'), cell: (d) => t(`recommendation.${d.outcome}` as MessageKey) },
            { header: t('decisions.decidedAt'), cell: (d) => formatDate(d.decidedAt, lang) },
          ]}
        />
        <LoadMore list={list} />
      </QueryState>
    </Page>
  );
}
