import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDate, formatNumber } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';

const MyProcurements = graphql(`
  query MyProcurements {
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
    all: procurements(first: 100) {
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

/**
 * A coordinator's procurements: what my organisation can join now, and what we take part in with its agreement.
 * Node staff, who run them, see every procurement with where it stands in its lifecycle.
 */
export default function ProcurementsPage() {
  const { t, lang } = useLanguage();
  const { me, hasRole } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: MyProcurements, context: PROCUREMENT_CONTEXT });
  const staff = hasRole('NODE_STAFF', 'NODE_ADMIN');
  const ours =
    data?.all.nodes.filter((p) => p.participants.some((x) => x.organizationId === me?.organization.id)) ?? [];
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
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {staff && (
          <section aria-labelledby="all-heading" className="card">
            <h2 id="all-heading">{t('procurement.all')}</h2>
            {data?.all.nodes.length ? (
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('procurement.procurement')}</th>
                    <th scope="col">{t('procurement.status')}</th>
                    <th scope="col">{t('procurement.participationWindow')}</th>
                    <th scope="col">{t('procurement.participantCount')}</th>
                    <th scope="col">{t('procurement.agreement')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.all.nodes.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <Link to={`/upphandlingar/${p.id}`}>{p.title}</Link>
                        <div className="muted">{p.leadOrganization.name}</div>
                      </td>
                      <td>{t(`procurementStatus.${p.status}` as MessageKey)}</td>
                      <td>
                        {t('procurement.period', {
                          opens: formatDate(p.participationOpensOn, lang),
                          closes: formatDate(p.participationClosesOn, lang),
                        })}
                      </td>
                      <td>{formatNumber(p.participants.length, lang)}</td>
                      <td>
                        {p.frameworkAgreement ? (
                          <Link to={`/ramavtal/${p.frameworkAgreement.id}`}>
                            {t('procurement.validity', {
                              from: formatDate(p.frameworkAgreement.startsOn, lang),
                              to: formatDate(p.frameworkAgreement.endsOn, lang),
                            })}
                          </Link>
                        ) : (
                          t('procurement.noAgreement')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>{t('app.empty')}</p>
            )}
          </section>
        )}
        {(!staff || !!data?.open.nodes.length || ours.length > 0) && (
          <>
            <section aria-labelledby="open-heading" className="card">
              <h2 id="open-heading">{t('procurement.openForUs')}</h2>
              {data?.open.nodes.length ? (
                <ul className="plain-list">
                  {data.open.nodes.map((p) => (
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
            <section aria-labelledby="ours-heading" className="card">
              <h2 id="ours-heading">{t('procurement.ours')}</h2>
              {ours.length ? (
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{t('procurement.procurement')}</th>
                      <th scope="col">{t('procurement.status')}</th>
                      <th scope="col">{t('procurement.agreement')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ours.map((p) => (
                      <tr key={p.id}>
                        <td>
                          <Link to={`/upphandlingar/${p.id}`}>{p.title}</Link>
                        </td>
                        <td>{t(`procurementStatus.${p.status}` as MessageKey)}</td>
                        <td>
                          {p.frameworkAgreement ? (
                            <Link to={`/ramavtal/${p.frameworkAgreement.id}`}>
                              {t('procurement.validity', {
                                from: formatDate(p.frameworkAgreement.startsOn, lang),
                                to: formatDate(p.frameworkAgreement.endsOn, lang),
                              })}
                            </Link>
                          ) : (
                            t('procurement.noAgreement')
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p>{t('app.empty')}</p>
              )}
            </section>
          </>
        )}
      </QueryState>
    </Page>
  );
}

export const PROCUREMENT_CONTEXT = { additionalTypenames: ['Participation', 'CallOff'] };
