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
import { ListTable } from '../ui/ListCard.js';
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
        <ListTable
          items={data?.decisions.nodes ?? []}
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
        {data?.decisions.pageInfo.hasNextPage && (
          <Button variant="secondary" onPress={() => setAfter(data.decisions.pageInfo.endCursor ?? null)}>
            {t('app.loadMore')}
          </Button>
        )}
      </QueryState>
    </Page>
  );
}
