import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate } from '../app/format.js';
import { Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';

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
        {data?.reviewQueue.nodes.length ? (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('decision.protocol')}</th>
                <th scope="col">{t('review.lead')}</th>
                <th scope="col">{t('review.submitted')}</th>
                <th scope="col">{t('review.votes')}</th>
              </tr>
            </thead>
            <tbody>
              {data.reviewQueue.nodes.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/granskning/${p.id}`}>{p.title}</Link>
                    <div className="muted">
                      {lang === 'en' ? p.category.labelEn : p.category.labelSv}
                      {p.openVersion && ` · ${t('review.version', { number: p.openVersion.versionNumber })}`}
                    </div>
                  </td>
                  <td>{p.leadOrganization.name}</td>
                  <td>{formatDate(p.openVersion?.submittedAt, lang)}</td>
                  <td>{p.openVersion?.votes.length ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('review.none')}</p>
        )}
      </QueryState>
    </Page>
  );
}
