import { useState } from 'react';
import { useQuery } from 'urql';
import { Select } from '@midas-ds/components/select';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { useSession } from '../app/SessionProvider.js';
import { ErrorSummary, Loading } from '../ui/Page.js';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import type { MessageKey } from '../app/i18n/catalog.js';

const TransferabilityQuery = graphql(`
  query Transferability($decisionId: ID!, $organizationId: ID) {
    transferability(decisionId: $decisionId, organizationId: $organizationId) {
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

const MunicipalitiesQuery = graphql(`
  query TransferabilityMunicipalities {
    organizations(kind: MUNICIPALITY) {
      id
      name
    }
  }
`);

/**
 * Transferability is about a municipality's context. A municipality's people see their own; node staff choose
 * any municipality; others (the region) have no municipality context, and the card is left out on purpose.
 */
export function TransferabilityCard({ decisionId }: { decisionId: string }) {
  const { me, hasRole } = useSession();
  if (me?.organization.kind === 'MUNICIPALITY') return <Transferability decisionId={decisionId} />;
  if (hasRole('NODE_STAFF', 'NODE_ADMIN')) return <TransferabilityForAny decisionId={decisionId} />;
  return null;
}

function TransferabilityForAny({ decisionId }: { decisionId: string }) {
  const { t } = useLanguage();
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [{ data, error }] = useQuery({ query: MunicipalitiesQuery });
  return (
    <section aria-labelledby="transferability-any-heading" className="card">
      <h2 id="transferability-any-heading">{t('transferability.anyTitle')}</h2>
      {error && <ErrorSummary messages={error.graphQLErrors.map((e) => e.message)} />}
      {data && (
        <Select
          label={t('transferability.chooseMunicipality')}
          placeholder={t('app.choose')}
          items={data.organizations}
          selectedKey={organizationId}
          onSelectionChange={(key) => setOrganizationId(key === null ? null : String(key))}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
      )}
      {organizationId && <Transferability decisionId={decisionId} organizationId={organizationId} nested />}
    </section>
  );
}

function Transferability({
  decisionId,
  organizationId,
  nested = false,
}: {
  decisionId: string;
  organizationId?: string;
  nested?: boolean;
}) {
  const { t } = useLanguage();
  const [{ data, error, fetching }] = useQuery({
    query: TransferabilityQuery,
    variables: { decisionId, organizationId: organizationId ?? null },
  });
  const Wrapper = nested ? 'div' : 'section';
  if (!data)
    return error ? (
      <Wrapper className={nested ? undefined : 'card'}>
        <h2>{t('transferability.anyTitle')}</h2>
        <ErrorSummary messages={error.graphQLErrors.map((e) => e.message)} />
      </Wrapper>
    ) : fetching ? (
      <Loading />
    ) : null;
  const tr = data.transferability;
  const sizeClass = (s: string) => t(`sizeClass.${s}` as MessageKey);
  return (
    <Wrapper aria-labelledby="transferability-heading" className={nested ? undefined : 'card'}>
      {nested ? (
        <h3 id="transferability-heading">{t('transferability.title', { organization: tr.organization.name })}</h3>
      ) : (
        <h2 id="transferability-heading">{t('transferability.title', { organization: tr.organization.name })}</h2>
      )}
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
    </Wrapper>
  );
}
