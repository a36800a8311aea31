import { useQuery } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import type { MessageKey } from '../app/i18n/catalog.js';

const TransferabilityQuery = graphql(`
  query Transferability($decisionId: ID!) {
    transferability(decisionId: $decisionId) {
      fullyCovered
      organization {
        name
      }
      testedBy {
        id
        name
      }
      settingsNotCovered
      sizeClassNotCovered
      mySizeClass
      testedSizeClasses
      systemsNotCovered {
        id
        name
        version
        vendorName
      }
      targetGroupsNotCovered
    }
  }
`);

/** What the test behind a decision did not cover in my municipality's context (settings, size, systems, groups). */
export function TransferabilityCard({ decisionId }: { decisionId: string }) {
  const { t } = useLanguage();
  const [{ data, error }] = useQuery({ query: TransferabilityQuery, variables: { decisionId } });
  // Node staff and organisations without a municipality context get NOT_FOUND or FORBIDDEN here: nothing to show.
  if (error || !data) return null;
  const tr = data.transferability;
  const sizeClass = (s: string) => t(`sizeClass.${s}` as MessageKey);
  return (
    <section aria-labelledby="transferability-heading" className="card">
      <h2 id="transferability-heading">{t('transferability.title', { organization: tr.organization.name })}</h2>
      <p>{t('transferability.testedBy', { names: tr.testedBy.map((o) => o.name).join(', ') })}</p>
      {tr.fullyCovered ? (
        <p>{t('transferability.covered')}</p>
      ) : (
        <>
          <p>{t('transferability.notCoveredIntro')}</p>
          <ul className="warning-box">
            {tr.settingsNotCovered.map((s) => (
              <li key={s}>{t('transferability.setting', { setting: t(`setting.${s}` as MessageKey) })}</li>
            ))}
            {tr.sizeClassNotCovered && tr.mySizeClass && (
              <li>
                {t('transferability.sizeClass', {
                  mine: sizeClass(tr.mySizeClass),
                  tested: tr.testedSizeClasses.map(sizeClass).join(', ') || '–',
                })}
              </li>
            )}
            {tr.systemsNotCovered.map((s) => (
              <li key={s.id}>
                {t('transferability.system', { system: [s.name, s.version].filter(Boolean).join(' ') })}
              </li>
            ))}
            {tr.targetGroupsNotCovered.map((g) => (
              <li key={g}>{t('transferability.targetGroup', { group: t(`targetGroup.${g}` as MessageKey) })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
