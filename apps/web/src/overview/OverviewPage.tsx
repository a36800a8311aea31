import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { authenticatedFetch } from '../app/client.js';
import { session } from '../app/session.js';
import { formatDate } from '../app/format.js';
import { type MessageKey, translateCount } from '../app/i18n/catalog.js';
import { ErrorSummary, Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { BarChart } from './BarChart.js';
import { downloadBlob } from './csv.js';

const OverviewQuery = graphql(`
  query CountyOverview {
    countyOverview {
      asOf
      needsByStatus {
        status
        count
      }
      decisionsThisYear
      protocolsAwaitingReview {
        id
        title
      }
      procurementsOpenForParticipation {
        id
        title
        participationClosesOn
      }
      agreementsExpiringWithin6Months {
        id
        endsOn
        procurement {
          title
        }
      }
      followUpsByMunicipality {
        organization {
          id
          name
        }
        due
        answered
        overdue
      }
      equityByMunicipality {
        organization {
          id
          name
        }
        population
        implementations
        implementationsPer10000
        peopleAccepted
        peopleAcceptedPer10000
        suppression {
          reason
          minimum
        }
      }
      equityRest {
        municipalities
        peopleAccepted
        peopleAcceptedInCounty
        implementationsInCounty
        suppression {
          reason
          minimum
        }
      }
      equityBySex {
        women
        men
        otherOrUnknown
        suppression {
          reason
          minimum
        }
      }
    }
  }
`);

// Three fills that each meet 3:1 against white and stay apart for the common colour-vision deficiencies.
const GREEN = '#1b5e3b';
const BLUE = '#0b57d0';
const ORANGE = '#b35900';

const EXPORTS = ['overview', 'needs', 'decisions', 'agreements', 'follow-ups'] as const;

/** The steering group's county overview: charts where people would rather look than read, each with its table. */
export default function OverviewPage() {
  const { t, lang } = useLanguage();
  const [{ data, fetching, error }] = useQuery({ query: OverviewQuery });
  const [exportError, setExportError] = useState<string | null>(null);
  const o = data?.countyOverview;
  // Why a figure is missing: too few people, a figure that would reveal them, or no data at all.
  const withheld = (suppression: { reason: string; minimum: number } | null | undefined) =>
    !suppression
      ? undefined
      : suppression.reason === 'TOO_FEW_PEOPLE'
        ? t('overview.fewPeople', { minimum: suppression.minimum })
        : t('overview.reveals');

  // The exports answer with the same authorisation as the api: fetched with the session's token, then saved.
  const download = async (list: (typeof EXPORTS)[number]) => {
    setExportError(null);
    const response = await authenticatedFetch(session)(`/exports/${list}.csv`, { method: 'GET' });
    if (!response.ok) {
      setExportError(t('overview.exportFailed'));
      return;
    }
    downloadBlob(await response.blob(), `noden-${list}.csv`);
  };

  return (
    <Page title={t('overview.title')}>
      <QueryState fetching={fetching} error={error} hasData={!!o}>
        {o && (
          <>
            <p className="muted">{t('overview.asOf', { date: formatDate(o.asOf, lang) })}</p>
            <div className="overview-figures">
              <section className="card" aria-labelledby="reviews-heading">
                <h2 id="reviews-heading">
                  {t('overview.awaitingReview', { count: o.protocolsAwaitingReview.length })}
                </h2>
                <ul className="plain-list">
                  {o.protocolsAwaitingReview.map((p) => (
                    <li key={p.id}>
                      <Link to={`/granskning/${p.id}`}>{p.title}</Link>
                    </li>
                  ))}
                </ul>
                <p>{t('overview.decisionsThisYear', { count: o.decisionsThisYear })}</p>
              </section>
              <section className="card" aria-labelledby="open-heading">
                <h2 id="open-heading">
                  {t('overview.openProcurements', { count: o.procurementsOpenForParticipation.length })}
                </h2>
                <ul className="plain-list">
                  {o.procurementsOpenForParticipation.map((p) => (
                    <li key={p.id}>
                      <Link to={`/upphandlingar/${p.id}`}>{p.title}</Link>{' '}
                      <span className="muted">
                        – {t('overview.closes', { date: formatDate(p.participationClosesOn, lang) })}
                      </span>
                    </li>
                  ))}
                </ul>
                <h3>{t('overview.expiring', { count: o.agreementsExpiringWithin6Months.length })}</h3>
                <ul className="plain-list">
                  {o.agreementsExpiringWithin6Months.map((a) => (
                    <li key={a.id}>
                      <Link to={`/ramavtal/${a.id}`}>{a.procurement.title}</Link>{' '}
                      <span className="muted">– {formatDate(a.endsOn, lang)}</span>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
            <BarChart
              title={t('overview.needsByStatus')}
              csvName="behov-per-status"
              series={[{ key: 'count', label: t('overview.count'), color: GREEN }]}
              rows={o.needsByStatus.map((n) => ({
                label: t(`needStatus.${n.status}` as MessageKey),
                values: { count: n.count },
              }))}
            />
            <BarChart
              title={t('overview.followUps')}
              csvName="uppfoljningar-per-kommun"
              series={[
                { key: 'due', label: t('overview.due'), color: BLUE },
                { key: 'answered', label: t('overview.answered'), color: GREEN },
                { key: 'overdue', label: t('overview.overdue'), color: ORANGE },
              ]}
              rows={o.followUpsByMunicipality.map((m) => ({
                label: m.organization.name,
                values: { due: m.due, answered: m.answered, overdue: m.overdue },
              }))}
            />
            <p className="muted overview-rule">{t('overview.rule')}</p>
            <BarChart
              title={t('overview.uptake')}
              csvName="upptag-per-10000"
              digits={1}
              series={[
                { key: 'implementations', label: t('overview.implementationsPer10000'), color: GREEN },
                { key: 'people', label: t('overview.peoplePer10000'), color: BLUE },
              ]}
              rows={o.equityByMunicipality.map((m) => {
                const noData = m.population ? undefined : t('overview.noPopulation');
                return {
                  label: m.organization.name,
                  values: {
                    implementations: m.implementationsPer10000 ?? null,
                    people: m.peopleAcceptedPer10000 ?? null,
                  },
                  missing: { implementations: noData, people: withheld(m.suppression) ?? noData },
                };
              })}
            />
            <BarChart
              title={t('overview.peopleByMunicipality')}
              csvName="personer-per-kommun"
              series={[
                { key: 'implementations', label: t('overview.implementations'), color: GREEN },
                { key: 'people', label: t('overview.peopleAccepted'), color: BLUE },
              ]}
              rows={[
                ...o.equityByMunicipality.map((m) => ({
                  label: m.organization.name,
                  values: { implementations: m.implementations, people: m.peopleAccepted ?? null },
                  missing: { people: withheld(m.suppression) },
                })),
                ...(o.equityRest.municipalities > 0
                  ? [
                      {
                        label: translateCount(lang, 'overview.rest', o.equityRest.municipalities),
                        values: { implementations: null, people: o.equityRest.peopleAccepted ?? null },
                        missing: { implementations: '', people: withheld(o.equityRest.suppression) },
                      },
                    ]
                  : []),
                {
                  label: t('overview.county'),
                  values: {
                    implementations: o.equityRest.implementationsInCounty,
                    people: o.equityRest.peopleAcceptedInCounty ?? null,
                  },
                  missing: { people: withheld(o.equityRest.suppression) },
                },
              ]}
            />
            <BarChart
              title={t('overview.bySex')}
              csvName="upptag-per-kon"
              series={[{ key: 'count', label: t('overview.peopleAccepted'), color: GREEN }]}
              rows={(['women', 'men', 'otherOrUnknown'] as const).map((sex) => ({
                label: t(`sex.${sex}`),
                values: { count: o.equityBySex[sex] ?? null },
                missing: { count: withheld(o.equityBySex.suppression) },
              }))}
            />
            <section className="card" aria-labelledby="exports-heading">
              <h2 id="exports-heading">{t('overview.exports')}</h2>
              <p>{t('overview.exportsHint')}</p>
              {exportError && <ErrorSummary messages={[exportError]} />}
              <ul className="plain-list">
                {EXPORTS.map((list) => (
                  <li key={list}>
                    <button type="button" className="link-button" onClick={() => download(list)}>
                      {t(`overview.export.${list}` as MessageKey)}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          </>
        )}
      </QueryState>
    </Page>
  );
}
