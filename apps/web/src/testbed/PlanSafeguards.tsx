import { useLanguage } from '../app/i18n.js';
import type { MessageKey } from '../app/i18n/catalog.js';

/** A free-text part of a test plan, or a muted "not stated" when the lead left it empty. */
export function PlanText({ value }: { value: string | null | undefined }) {
  const { t } = useLanguage();
  return value ? <p className="prose">{value}</p> : <p className="muted">{t('review.notStated')}</p>;
}

interface Safeguards {
  consentApproach: string;
  consentDescription?: string | null;
  informationSecurity?: string | null;
  workEnvironment?: string | null;
  involvement?: string | null;
  risks?: string | null;
  documents: readonly { title: string; url: string }[];
}

/** How a test protects the people in it: consent, information security, work environment, involvement, risks, documents. */
export function PlanSafeguards({ plan }: { plan: Safeguards }) {
  const { t } = useLanguage();
  return (
    <>
      <h3>{t('review.consent')}</h3>
      <p>{t(`protocolConsent.${plan.consentApproach}` as MessageKey)}</p>
      {plan.consentDescription && <p className="prose">{plan.consentDescription}</p>}
      <h3>{t('review.infoSec')}</h3>
      <PlanText value={plan.informationSecurity} />
      <h3>{t('review.workEnv')}</h3>
      <PlanText value={plan.workEnvironment} />
      <h3>{t('review.involvement')}</h3>
      <PlanText value={plan.involvement} />
      <h3>{t('review.risks')}</h3>
      <PlanText value={plan.risks} />
      {plan.documents.length > 0 && (
        <>
          <h3>{t('review.documents')}</h3>
          <ul>
            {plan.documents.map((d) => (
              <li key={d.url}>
                <a href={d.url} rel="noopener noreferrer">
                  {d.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
