import { Link, useSearchParams } from 'react-router';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { Select } from '@midas-ds/components/select';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDate } from '../app/format.js';
import { Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { ListCard, LoadMore } from '../ui/ListCard.js';
import { useConnection } from '../ui/useConnection.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { PROTOCOL_EDITOR_ROLES, PROTOCOL_STATUSES, ProtocolStatusTag, type ProtocolStatus } from './protocol-status.js';

const TestProtocolsQuery = graphql(`
  query TestProtocols($status: TestProtocolStatus, $category: String, $first: Int, $after: String) {
    testProtocols(status: $status, category: $category, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        status
        plannedStart
        plannedEnd
        updatedAt
        category {
          labelSv
          labelEn
        }
        leadOrganization {
          name
        }
      }
    }
    technologyCategories {
      key
      labelSv
      labelEn
    }
  }
`);

/** The test protocols I may see, newest first, filtered by status and technology area (kept in the URL). */
export default function ProtocolsPage() {
  const { t, lang } = useLanguage();
  const { hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as ProtocolStatus | '';
  const category = params.get('omrade') ?? '';
  const list = useConnection({
    query: TestProtocolsQuery,
    variables: { status: status || null, category: category || null },
    context: PROTOCOLS_CONTEXT,
    pick: (data) => data.testProtocols,
  });
  const data = list.data;
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const label = (c: { labelSv: string; labelEn: string }) => (lang === 'sv' ? c.labelSv : c.labelEn);
  const categories = [
    { id: '', name: t('protocols.all') },
    ...(data?.technologyCategories ?? []).map((c) => ({ id: c.key, name: label(c) })),
  ];
  return (
    <Page
      title={t('protocols.title')}
      actions={
        hasRole(...PROTOCOL_EDITOR_ROLES) && (
          <Link className="primary-link" to="/testprotokoll/nytt">
            {t('protocols.new')}
          </Link>
        )
      }
    >
      <p>{t('protocols.intro')}</p>
      <div className="filters protocol-filters">
        <EnumSelect
          label={t('protocols.filterStatus')}
          values={PROTOCOL_STATUSES}
          labels="protocolStatus"
          value={status}
          placeholder={t('protocols.all')}
          onChange={(v) => setFilter('status', v)}
        />
        <Select
          label={t('protocols.filterCategory')}
          items={categories}
          selectedKey={category}
          onSelectionChange={(key) => setFilter('omrade', key === null ? '' : String(key))}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
      </div>
      {status && (
        <p>
          <button type="button" className="link-button" onClick={() => setFilter('status', '')}>
            {t('protocols.filterStatus')}: {t('protocols.all')}
          </button>
        </p>
      )}
      <QueryState fetching={list.fetching} error={list.error} hasData={list.hasData}>
        {data && (
          <ListCard
            id="protocols"
            title={t('protocols.count', { count: data.testProtocols.totalCount })}
            items={list.nodes}
            rowKey={(p) => p.id}
            empty={t('protocols.none')}
            scroll
            columns={[
              { header: t('protocols.protocol'), cell: (p) => <Link to={`/testprotokoll/${p.id}`}>{p.title}</Link> },
              { header: t('protocols.status'), cell: (p) => <ProtocolStatusTag status={p.status} /> },
              { header: t('protocols.category'), cell: (p) => label(p.category) },
              { header: t('protocols.lead'), cell: (p) => p.leadOrganization.name },
              {
                header: t('protocols.period'),
                cell: (p) =>
                  p.plannedStart || p.plannedEnd
                    ? `${formatDate(p.plannedStart, lang)} – ${formatDate(p.plannedEnd, lang)}`
                    : '–',
              },
              { header: t('protocols.updated'), cell: (p) => formatDate(p.updatedAt, lang) },
            ]}
            after={<LoadMore list={list} />}
          />
        )}
      </QueryState>
    </Page>
  );
}

export const PROTOCOLS_CONTEXT = { additionalTypenames: ['TestProtocol'] };
