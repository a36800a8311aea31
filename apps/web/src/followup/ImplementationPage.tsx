import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate, formatNumber } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { Page } from '../ui/Page.js';
import { isNotFound, NotVisible } from '../ui/NotVisible.js';
import { QueryState } from '../ui/QueryState.js';
import { CHECKLIST } from './RecordImplementationPage.js';

const ImplementationQuery = graphql(`
  query Implementation($id: ID!) {
    implementation(id: $id) {
      id
      status
      setting
      goLiveOn
      organization {
        name
      }
      product {
        name
        supplier {
          name
        }
      }
      responsibleContact {
        displayName
      }
      checklist {
        strategyOrPlan {
          done
        }
        individualNeedsAssessment {
          done
        }
        consentByPerson {
          done
        }
        routines {
          done
        }
        deviationRoutine {
          done
        }
        staffTraining {
          done
        }
        backupSupervision {
          done
        }
        followUpRoutine {
          done
        }
      }
      people {
        offered {
          women
          men
          otherOrUnknown
          total
        }
        accepted {
          women
          men
          otherOrUnknown
          total
        }
        declined {
          women
          men
          otherOrUnknown
          total
        }
      }
      followUps {
        id
        wave
        dueOn
        status
      }
    }
  }
`);

export default function ImplementationPage() {
  const { id } = useParams();
  const { t, lang } = useLanguage();
  const [{ data, fetching, error }] = useQuery({ query: ImplementationQuery, variables: { id: id! } });
  const impl = data?.implementation;
  if (isNotFound(error)) return <NotVisible kind="implementation" />;
  return (
    <Page
      title={
        impl
          ? t('implementation.title', { product: impl.product.name, organization: impl.organization.name })
          : t('implementation.recordTitle')
      }
    >
      <QueryState fetching={fetching} error={error} hasData={!!impl}>
        {impl && (
          <>
            <dl className="facts card">
              <dt>{t('implementation.status')}</dt>
              <dd>{t(`implementationStatus.${impl.status}` as MessageKey)}</dd>
              <dt>{t('implementation.setting')}</dt>
              <dd>{t(`setting.${impl.setting}` as MessageKey)}</dd>
              <dt>{t('implementation.goLiveOn')}</dt>
              <dd>{formatDate(impl.goLiveOn, lang)}</dd>
              <dt>{t('agreement.supplier')}</dt>
              <dd>{impl.product.supplier.name}</dd>
              <dt>{t('implementation.responsible')}</dt>
              <dd>{impl.responsibleContact.displayName}</dd>
            </dl>
            <p>
              <Link to={`/traad/IMPLEMENTATION/${impl.id}`}>{t('procurement.thread')}</Link>
            </p>
            <section aria-labelledby="checklist-heading" className="card">
              <h2 id="checklist-heading">{t('implementation.checklist')}</h2>
              <ul className="plain-list">
                {CHECKLIST.map((k) => (
                  <li key={k}>
                    {impl.checklist[k].done ? '✓ ' : '✗ '}
                    {t(`checklist.${k}` as MessageKey)}:{' '}
                    {impl.checklist[k].done ? t('implementation.done') : t('implementation.notDone')}
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="people-heading" className="card">
              <h2 id="people-heading">{t('implementation.people')}</h2>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">{t('implementation.group')}</span>
                    </th>
                    <th scope="col">{t('sex.women')}</th>
                    <th scope="col">{t('sex.men')}</th>
                    <th scope="col">{t('sex.otherOrUnknown')}</th>
                    <th scope="col">{t('implementation.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(['offered', 'accepted', 'declined'] as const).map((g) => (
                    <tr key={g}>
                      <th scope="row">{t(`people.${g}` as MessageKey)}</th>
                      <td>{formatNumber(impl.people[g].women, lang)}</td>
                      <td>{formatNumber(impl.people[g].men, lang)}</td>
                      <td>{formatNumber(impl.people[g].otherOrUnknown, lang)}</td>
                      <td>{formatNumber(impl.people[g].total, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="followups-heading" className="card">
              <h2 id="followups-heading">{t('followUp.title')}</h2>
              {impl.followUps.length ? (
                <ul className="plain-list">
                  {impl.followUps.map((f) => (
                    <li key={f.id}>
                      <Link to={`/uppfoljningar/${f.id}`}>{t('followUp.wave', { months: f.wave })}</Link> –{' '}
                      {t('followUp.due', { date: formatDate(f.dueOn, lang) })} ·{' '}
                      {t(`followUpStatus.${f.status}` as MessageKey)}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('implementation.noFollowUps')}</p>
              )}
            </section>
          </>
        )}
      </QueryState>
    </Page>
  );
}
