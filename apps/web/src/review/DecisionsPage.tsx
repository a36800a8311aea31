import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { REVIEW_CONTEXT } from './ReviewQueuePage.js';

const Decisions = graphql(`
  query Decisions($after: String) {
    decisions(first: 20, after: $after) {
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
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: Decisions, variables: { after }, context: REVIEW_CONTEXT });
  return (
    <Page title={t('decisions.title')}>
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {data?.decisions.nodes.length ? (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('decision.protocol')}</th>
                <th scope="col">{t('decisions.outcome')}</th>
                <th scope="col">{t('decisions.decidedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data.decisions.nodes.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/beslut/${d.id}`}>
                      {d.protocol?.title ?? t('review.version', { number: d.versionNumber })}
                    </Link>
                    <div className="muted">
                      {lang === 'en' ? d.category.labelEn : d.category.labelSv}
                      {d.protocol && ` · ${d.protocol.leadOrganization.name}`}
                    </div>
                  </td>
                  <td>{t(`recommendation.${d.outcome}` as MessageKey)}</td>
                  <td>{formatDate(d.decidedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('decisions.none')}</p>
        )}
        {data?.decisions.pageInfo.hasNextPage && (
          <Button variant="secondary" onPress={() => setAfter(data.decisions.pageInfo.endCursor ?? null)}>
            {t('app.loadMore')}
          </Button>
        )}
      </QueryState>
    </Page>
  );
}
