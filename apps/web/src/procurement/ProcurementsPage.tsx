import { Link } from 'react-router';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDate, formatNumber } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { ListCard, LoadMore } from '../ui/ListCard.js';
import { useConnection } from '../ui/useConnection.js';

const MyProcurements = graphql(`
  query MyProcurements($first: Int, $after: String) {
    open: procurements(openForMyOrganization: true, first: 50) {
      nodes {
        id
        title
        status
        participationOpensOn
        participationClosesOn
        leadOrganization {
          name
        }
        category {
          labelSv
          labelEn
        }
      }
    }
    ours: procurements(joinedByMyOrganization: true, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        status
        frameworkAgreement {
          id
          status
          startsOn
          endsOn
        }
      }
    }
  }
`);

const AllProcurements = graphql(`
  query AllProcurements($first: Int, $after: String) {
    procurements(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        status
        participationOpensOn
        participationClosesOn
        leadOrganization {
          name
        }
        participants {
          organizationId
        }
        frameworkAgreement {
          id
          status
          startsOn
          endsOn
        }
      }
    }
  }
`);

type Agreement = { id: string; startsOn: string; endsOn: string } | null | undefined;

/**
 * A coordinator's procurements: what my organisation can join now, and what we take part in with its agreement.
 * Node staff, who run them, see every procurement with where it stands in its lifecycle.
 */
export default function ProcurementsPage() {
  const { t, lang } = useLanguage();
  const { hasRole } = useSession();
  const staff = hasRole('NODE_STAFF', 'NODE_ADMIN');
  const all = useConnection({
    query: AllProcurements,
    variables: {},
    context: PROCUREMENT_CONTEXT,
    pick: (data) => data.procurements,
    pause: !staff,
  });
  const mine = useConnection({
    query: MyProcurements,
    variables: {},
    context: PROCUREMENT_CONTEXT,
    pick: (data) => data.ours,
  });
  const open = mine.data?.open.nodes ?? [];
  const agreement = (a: Agreement) =>
    a ? (
      <Link to={`/ramavtal/${a.id}`}>
        {t('procurement.validity', { from: formatDate(a.startsOn, lang), to: formatDate(a.endsOn, lang) })}
      </Link>
    ) : (
      t('procurement.noAgreement')
    );
  return (
    <Page
      title={t('procurement.title')}
      actions={
        staff && (
          <Link className="primary-link" to="/upphandlingar/ny">
            {t('newProcurement.link')}
          </Link>
        )
      }
    >
      {staff && (
        <QueryState fetching={all.fetching} error={all.error} hasData={all.hasData}>
          <ListCard
            id="all"
            title={t('procurement.all')}
            items={all.nodes}
            rowKey={(p) => p.id}
            empty={t('app.empty')}
            scroll
            columns={[
              {
                header: t('procurement.procurement'),
                cell: (p) => (
                  <>
                    <Link to={`/upphandlingar/${p.id}`}>{p.title}</Link>
                    <div className="muted">{p.leadOrganization.name}</div>
                  </>
                ),
              },
              { header: t('procurement.status'), cell: (p) => t(`procurementStatus.${p.status}` as MessageKey) },
              {
                header: t('procurement.participationWindow'),
                cell: (p) =>
                  t('procurement.period', {
                    opens: formatDate(p.participationOpensOn, lang),
                    closes: formatDate(p.participationClosesOn, lang),
                  }),
              },
              { header: t('procurement.participantCount'), cell: (p) => formatNumber(p.participants.length, lang) },
              { header: t('procurement.agreement'), cell: (p) => agreement(p.frameworkAgreement) },
            ]}
            after={<LoadMore list={all} />}
          />
        </QueryState>
      )}
      <QueryState fetching={mine.fetching} error={mine.error} hasData={mine.hasData}>
        {(!staff || open.length > 0 || mine.nodes.length > 0) && (
          <>
            <section aria-labelledby="open-heading" className="card">
              <h2 id="open-heading">{t('procurement.openForUs')}</h2>
              {open.length ? (
                <ul className="plain-list">
                  {open.map((p) => (
                    <li key={p.id}>
                      <Link className="primary-link" to={`/upphandlingar/${p.id}`}>
                        {p.title}
                      </Link>
                      <div className="muted">
                        {t('procurement.window', {
                          opens: formatDate(p.participationOpensOn, lang),
                          closes: formatDate(p.participationClosesOn, lang),
                        })}{' '}
                        · {lang === 'sv' ? p.category.labelSv : p.category.labelEn} · {p.leadOrganization.name}
                      </div>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('procurement.noneOpen')}</p>
              )}
            </section>
            <ListCard
              id="ours"
              title={t('procurement.ours')}
              items={mine.nodes}
              rowKey={(p) => p.id}
              empty={t('app.empty')}
              columns={[
                {
                  header: t('procurement.procurement'),
                  cell: (p) => <Link to={`/upphandlingar/${p.id}`}>{p.title}</Link>,
                },
                { header: t('procurement.status'), cell: (p) => t(`procurementStatus.${p.status}` as MessageKey) },
                { header: t('procurement.agreement'), cell: (p) => agreement(p.frameworkAgreement) },
              ]}
              after={<LoadMore list={mine} />}
            />
          </>
        )}
      </QueryState>
    </Page>
  );
}

export const PROCUREMENT_CONTEXT = { additionalTypenames: ['Participation', 'CallOff'] };
