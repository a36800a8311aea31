import { useQuery } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate, formatNumber } from '../app/format.js';
import { ErrorSummary, Loading, Notice } from '../ui/Page.js';

const AgreementCardQuery = graphql(`
  query AgreementCard($input: CallOffPreviewInput!, $productId: ID!) {
    callOffPreview(input: $input) {
      warnings {
        code
        message
      }
    }
    productExperience(productId: $productId) {
      openDeviations
      municipalities {
        organization {
          id
          name
        }
        lastCalledOffOn
        implementations
        waves {
          wave
          answered
          stillInUse
          perceivedSafety
          technicalFaults
          activeUsers
          suppression {
            minimum
          }
        }
      }
    }
  }
`);

/**
 * Before a coordinator calls off the product they picked: the api's own call-off checks and warnings for their
 * landscape (`callOffPreview` runs exactly what `createCallOff` runs, without writing), who in the county already
 * called it off and how it fared at 12 and 24 months, and open deviations from its tests.
 */
export function AgreementCard({
  agreementId,
  lotId,
  productId,
  name,
}: {
  agreementId: string;
  lotId: string;
  productId: string;
  name: string;
}) {
  const { t, lang } = useLanguage();
  const [{ data, error, fetching }] = useQuery({
    query: AgreementCardQuery,
    variables: { input: { agreementId, lotId, productId }, productId },
    requestPolicy: 'network-only',
  });
  if (!data)
    return error ? (
      <ErrorSummary messages={error.graphQLErrors.map((e) => e.message)} />
    ) : fetching ? (
      <Loading />
    ) : null;
  const { warnings } = data.callOffPreview;
  const { municipalities, openDeviations } = data.productExperience;
  return (
    <div className="agreement-card" aria-label={t('agreementCard.title', { name })} role="group">
      <h3>{t('agreementCard.compatibility')}</h3>
      {warnings.length ? (
        <div className="warning-box" role="status">
          <p>
            <strong>{t('agreement.warningsTitle')}</strong>
          </p>
          <ul>
            {warnings.map((w) => (
              <li key={w.message}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <Notice>{t('agreement.noWarnings')}</Notice>
      )}
      <h3>{t('agreementCard.experience')}</h3>
      {municipalities.length ? (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('procurement.organization')}</th>
                <th scope="col">{t('agreementCard.calledOff')}</th>
                <th scope="col">{t('agreementCard.after12')}</th>
                <th scope="col">{t('agreementCard.after24')}</th>
              </tr>
            </thead>
            <tbody>
              {municipalities.map((m) => (
                <tr key={m.organization.id}>
                  <th scope="row">{m.organization.name}</th>
                  <td>
                    {formatDate(m.lastCalledOffOn, lang)}
                    <div className="muted">{t('agreementCard.implementations', { count: m.implementations })}</div>
                  </td>
                  {m.waves.map((w) => (
                    <td key={w.wave}>
                      {w.answered === 0 ? (
                        <span className="muted">{t('agreementCard.noAnswer')}</span>
                      ) : (
                        <ul className="plain-list">
                          <li>{t('agreementCard.stillInUse', { count: w.stillInUse, answered: w.answered })}</li>
                          <li>
                            {t('agreementCard.safety', {
                              value: w.perceivedSafety === null ? '–' : formatNumber(w.perceivedSafety, lang, 1),
                            })}
                          </li>
                          <li>{t('agreementCard.faults', { count: w.technicalFaults ?? 0 })}</li>
                          <li>
                            {w.suppression
                              ? t('overview.fewPeople', { minimum: w.suppression.minimum })
                              : t('agreementCard.users', { count: w.activeUsers ?? 0 })}
                          </li>
                        </ul>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('agreementCard.noneYet')}</p>
      )}
      <h3>{t('agreementCard.deviations')}</h3>
      <p>
        {openDeviations
          ? t('agreementCard.openDeviations', { count: openDeviations })
          : t('agreementCard.noOpenDeviations')}
      </p>
    </div>
  );
}
