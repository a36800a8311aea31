import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { SearchField } from '@midas-ds/components/search-field';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDate } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { Page } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { QueryState } from '../ui/QueryState.js';
import { Snippet } from './Snippet.js';

const SearchQuery = graphql(`
  query KnowledgeSearch($query: String!, $filters: KnowledgeFilters, $after: String) {
    knowledgeSearch(query: $query, filters: $filters, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        source
        sourceId
        title
        snippet
        kind
        sourceType
        qualityGrade
        datedAt
        origin {
          nodeId
          name
        }
      }
    }
  }
`);

const RecentArticles = graphql(`
  query RecentArticles {
    articles(first: 10, status: PUBLISHED) {
      nodes {
        id
        title
        summary
        kind
        sourceType
        qualityGrade
        publishedAt
      }
    }
  }
`);

export const KINDS = ['LESSON', 'GOOD_EXAMPLE', 'GUIDANCE', 'CHECKLIST', 'TEST_REPORT'] as const;
export const SOURCE_TYPES = [
  'PEER_REVIEWED_STUDY',
  'NATIONAL_GUIDANCE',
  'COUNTY_TEST',
  'SINGLE_SITE_EXPERIENCE',
  'VENDOR_MATERIAL',
] as const;
export const GRADES = ['STRONG', 'ASSESSED', 'LIMITED', 'UNASSESSED'] as const;
type Kind = (typeof KINDS)[number];
type SourceType = (typeof SOURCE_TYPES)[number];
type Grade = (typeof GRADES)[number];

/** The knowledge portal: search in Swedish with highlighted snippets and filters; the search lives in the URL. */
export default function KnowledgePage() {
  const { t, lang } = useLanguage();
  const { hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const kind = (params.get('typ') ?? '') as Kind | '';
  const sourceType = (params.get('kalla') ?? '') as SourceType | '';
  const qualityGrade = (params.get('grad') ?? '') as Grade | '';
  const [typed, setTyped] = useState(query);
  const filters = { kind: kind || null, sourceType: sourceType || null, qualityGrade: qualityGrade || null };
  const [search] = useQuery({ query: SearchQuery, variables: { query, filters }, pause: !query.trim() });
  const [recent] = useQuery({ query: RecentArticles, pause: !!query.trim() });
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParam('q', typed.trim());
  };
  const hitPath = (hit: { source: string; sourceId: string }) =>
    hit.source === 'TEST_DECISION' ? `/beslut/${hit.sourceId}` : `/kunskap/${hit.sourceId}`;
  const mayWrite = hasRole('NODE_STAFF', 'NODE_ADMIN', 'MUNICIPALITY_COORDINATOR', 'STEERING_MEMBER', 'TECH_COACH');

  return (
    <Page
      title={t('knowledge.title')}
      actions={mayWrite ? <Link to="/kunskap/ny">{t('knowledge.write')}</Link> : undefined}
    >
      <form role="search" onSubmit={submit} className="stack">
        <div className="row search-row">
          <SearchField
            label={t('knowledge.search')}
            placeholder={t('knowledge.placeholder')}
            description={t('knowledge.searchHint')}
            value={typed}
            onChange={setTyped}
            onSubmit={(v) => setParam('q', v.trim())}
          />
        </div>
        <div className="filters">
          <EnumSelect
            label={t('knowledge.kind')}
            values={KINDS}
            labels="articleKind"
            placeholder={t('knowledge.all')}
            value={kind}
            onChange={(v) => setParam('typ', v)}
          />
          <EnumSelect
            label={t('knowledge.sourceType')}
            values={SOURCE_TYPES}
            labels="sourceType"
            placeholder={t('knowledge.all')}
            value={sourceType}
            onChange={(v) => setParam('kalla', v)}
          />
          <EnumSelect
            label={t('knowledge.grade')}
            values={GRADES}
            labels="qualityGrade"
            placeholder={t('knowledge.all')}
            value={qualityGrade}
            onChange={(v) => setParam('grad', v)}
          />
        </div>
        {(kind || sourceType || qualityGrade) && (
          <button type="button" className="link-button" onClick={() => setParams(query ? { q: query } : {})}>
            {t('knowledge.clearFilters')}
          </button>
        )}
      </form>
      {query.trim() ? (
        <QueryState fetching={search.fetching} error={search.error} hasData={!!search.data}>
          <p role="status">{t('knowledge.hits', { count: search.data?.knowledgeSearch.totalCount ?? 0, query })}</p>
          <ul className="plain-list hits">
            {search.data?.knowledgeSearch.nodes.map((hit) => (
              <li key={`${hit.source}-${hit.id}`}>
                <h2 className="hit-title">{hit.origin ? hit.title : <Link to={hitPath(hit)}>{hit.title}</Link>}</h2>
                {hit.origin && <p className="origin">{t('federation.from', { name: hit.origin.name })}</p>}
                <p className="snippet">
                  <Snippet text={hit.snippet} />
                </p>
                <p className="muted">
                  {t(`articleKind.${hit.kind}` as MessageKey)} · {t(`sourceType.${hit.sourceType}` as MessageKey)} ·{' '}
                  {t('knowledge.gradeShort', { grade: t(`qualityGrade.${hit.qualityGrade}` as MessageKey) })} ·{' '}
                  {formatDate(hit.datedAt, lang)}
                </p>
              </li>
            ))}
          </ul>
        </QueryState>
      ) : (
        <QueryState fetching={recent.fetching} error={recent.error} hasData={!!recent.data}>
          <h2>{t('knowledge.recent')}</h2>
          <ul className="plain-list">
            {recent.data?.articles.nodes.map((a) => (
              <li key={a.id}>
                <Link className="primary-link" to={`/kunskap/${a.id}`}>
                  {a.title}
                </Link>
                <p className="muted">
                  {t(`articleKind.${a.kind}` as MessageKey)} · {t(`sourceType.${a.sourceType}` as MessageKey)} ·{' '}
                  {t('knowledge.gradeShort', { grade: t(`qualityGrade.${a.qualityGrade}` as MessageKey) })}
                </p>
              </li>
            ))}
          </ul>
        </QueryState>
      )}
    </Page>
  );
}
