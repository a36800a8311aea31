import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate } from '../app/format.js';
import { Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { ListTable } from '../ui/ListCard.js';

const ReviewQueue = graphql(`
  query ReviewQueue {
    reviewQueue(first: 50) {
      totalCount
      nodes {
        id
        title
        category {
          labelSv
          labelEn
        }
        leadOrganization {
          id
          name
        }
        openVersion {
          id
          versionNumber
          submittedAt
          votes {
            id
          }
        }
      }
    }
  }
`);

export const REVIEW_CONTEXT = { additionalTypenames: ['SteeringVote', 'TestProtocol'] };

export default function ReviewQueuePage() {
  const { t, lang } = useLanguage();
  const [{ data, fetching, error }] = useQuery({ query: ReviewQueue, context: REVIEW_CONTEXT });
  return (
    <Page title={t('review.title')}>
      <p>{t('review.intro')}</p>
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        <ListTable
          items={data?.reviewQueue.nodes ?? []}
          rowKey={(p) => p.id}
          empty={t('review.none')}
          columns={[
            {
              header: t('decision.protocol'),
              cell: (p) => (
                <>
                  <Link to={`/granskning/${p.id}`}>{p.title}</Link>
                  <div className="muted">
                    {lang === 'en' ? p.category.labelEn : p.category.labelSv}
                    {p.openVersion && ` · ${t('review.version', { number: p.openVersion.versionNumber })}`}
                  </div>
                </>
              ),
            },
            { header: t('review.lead'), cell: (p) => p.leadOrganization.name },
            { header: t('review.submitted'), cell: (p) => formatDate(p.openVersion?.submittedAt, lang) },
            { header: t('review.votes'), cell: (p) => p.openVersion?.votes.length ?? 0 },
          ]}
        />
      </QueryState>
    </Page>
  );
}
