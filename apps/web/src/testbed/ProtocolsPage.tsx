import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { Select } from '@midas-ds/components/select';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDate } from '../app/format.js';
import { Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { PROTOCOL_EDITOR_ROLES, PROTOCOL_STATUSES, ProtocolStatusTag, type ProtocolStatus } from './protocol-status.js';

const TestProtocolsQuery = graphql(`
  query TestProtocols($status: TestProtocolStatus, $category: String, $first: Int!) {
    testProtocols(status: $status, category: $category, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
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

const PAGE = 20;

/** The test protocols I may see, newest first, filtered by status and technology area (kept in the URL). */
export default function ProtocolsPage() {
  const { t, lang } = useLanguage();
  const { hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as ProtocolStatus | '';
  const category = params.get('omrade') ?? '';
  const [first, setFirst] = useState(PAGE);
  const [{ data, fetching, error }] = useQuery({
    query: TestProtocolsQuery,
    variables: { status: status || null, category: category || null, first },
    context: PROTOCOLS_CONTEXT,
  });
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setFirst(PAGE);
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
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {data && (
          <section aria-labelledby="protocols-heading" className="card">
            <h2 id="protocols-heading">{t('protocols.count', { count: data.testProtocols.totalCount })}</h2>
            {data.testProtocols.nodes.length ? (
              <div className="table-scroll">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{t('protocols.protocol')}</th>
                      <th scope="col">{t('protocols.status')}</th>
                      <th scope="col">{t('protocols.category')}</th>
                      <th scope="col">{t('protocols.lead')}</th>
                      <th scope="col">{t('protocols.period')}</th>
                      <th scope="col">{t('protocols.updated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.testProtocols.nodes.map((p) => (
                      <tr key={p.id}>
                        <td>
                          <Link to={`/testprotokoll/${p.id}`}>{p.title}</Link>
                        </td>
                        <td>
                          <ProtocolStatusTag status={p.status} />
                        </td>
                        <td>{label(p.category)}</td>
                        <td>{p.leadOrganization.name}</td>
                        <td>
                          {p.plannedStart || p.plannedEnd
                            ? `${formatDate(p.plannedStart, lang)} – ${formatDate(p.plannedEnd, lang)}`
                            : '–'}
                        </td>
                        <td>{formatDate(p.updatedAt, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{t('protocols.none')}</p>
            )}
            {data.testProtocols.pageInfo.hasNextPage && first < 100 && (
              <div className="actions">
                <Button
                  variant="secondary"
                  onPress={() => setFirst((n) => Math.min(n + PAGE, 100))}
                  isDisabled={fetching}
                >
                  {t('app.loadMore')}
                </Button>
              </div>
            )}
          </section>
        )}
      </QueryState>
    </Page>
  );
}

export const PROTOCOLS_CONTEXT = { additionalTypenames: ['TestProtocol'] };
