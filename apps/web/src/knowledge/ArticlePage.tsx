import { useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDate } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { isNotFound, NotVisible } from '../ui/NotVisible.js';
import { QueryState } from '../ui/QueryState.js';
import { useApiMessages } from '../ui/useFormErrors.js';

const ArticleQuery = graphql(`
  query Article($id: ID!) {
    article(id: $id) {
      id
      title
      summary
      body
      kind
      sourceType
      qualityGrade
      status
      publishedAt
      updatedAt
      organization {
        name
      }
    }
  }
`);

const Publish = graphql(`
  mutation PublishArticle($id: ID!) {
    publishArticle(id: $id) {
      id
      status
      publishedAt
    }
  }
`);

export default function ArticlePage() {
  const { id } = useParams();
  const { t, lang } = useLanguage();
  const apiMessages = useApiMessages();
  const { hasRole } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: ArticleQuery, variables: { id: id! } });
  const [publishing, publish] = useMutation(Publish);
  const [failure, setFailure] = useState<string[]>([]);
  const article = data?.article;
  if (isNotFound(error)) return <NotVisible kind="article" />;
  return (
    <Page title={article?.title ?? t('knowledge.title')}>
      <QueryState fetching={fetching} error={error} hasData={!!article}>
        {article && (
          <article>
            {article.status === 'DRAFT' && <Notice>{t('knowledge.draftNotice')}</Notice>}
            <ErrorSummary messages={failure} />
            <dl className="facts card">
              <dt>{t('knowledge.kind')}</dt>
              <dd>{t(`articleKind.${article.kind}` as MessageKey)}</dd>
              <dt>{t('knowledge.sourceType')}</dt>
              <dd>{t(`sourceType.${article.sourceType}` as MessageKey)}</dd>
              <dt>{t('knowledge.grade')}</dt>
              <dd>{t(`qualityGrade.${article.qualityGrade}` as MessageKey)}</dd>
              <dt>{t('knowledge.by')}</dt>
              <dd>{article.organization?.name ?? '–'}</dd>
              <dt>{article.publishedAt ? t('knowledge.published') : t('knowledge.updated')}</dt>
              <dd>{formatDate(article.publishedAt ?? article.updatedAt, lang)}</dd>
            </dl>
            <p className="lead">{article.summary}</p>
            <div className="prose">{article.body}</div>
            {article.status === 'DRAFT' && hasRole('NODE_STAFF', 'NODE_ADMIN') && (
              <Button
                variant="primary"
                isDisabled={publishing.fetching}
                onPress={async () => {
                  const result = await publish({ id: article.id });
                  setFailure(apiMessages(result.error));
                }}
              >
                {t('knowledge.publish')}
              </Button>
            )}
          </article>
        )}
      </QueryState>
    </Page>
  );
}
