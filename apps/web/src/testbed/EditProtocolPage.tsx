import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { Page } from '../ui/Page.js';
import { isNotFound, NotVisible } from '../ui/NotVisible.js';
import { QueryState } from '../ui/QueryState.js';
import { type PlanValues, ProtocolPlanForm, toPlanInput } from './ProtocolPlanForm.js';
import { PROTOCOLS_CONTEXT } from './ProtocolsPage.js';

const ProtocolPlan = graphql(`
  query ProtocolPlan($id: ID!) {
    testProtocol(id: $id) {
      id
      title
      status
      versionCount
      productId
      leadOrganizationId
      settings
      purpose
      expectedBenefit
      baseline
      plannedStart
      plannedEnd
      broadRolloutIntended
      consentApproach
      consentDescription
      informationSecurity
      workEnvironment
      involvement
      risks
      category {
        key
      }
      participatingOrganizations {
        id
      }
      needs {
        id
        title
      }
      successCriteria {
        id
        name
        targetValue
        unit
        description
      }
      documents {
        title
        url
      }
    }
  }
`);

const UpdateTestProtocol = graphql(`
  mutation UpdateTestProtocol($input: UpdateTestProtocolInput!) {
    updateTestProtocol(input: $input) {
      id
      status
    }
  }
`);

/** The plan as saved, as the form's starting point (a draft kept in this tab wins over it). */
function planValues(p: ResultOf<typeof ProtocolPlan>['testProtocol']): PlanValues {
  return {
    title: p.title,
    category: p.category.key,
    productId: p.productId ?? '',
    needIds: p.needs.map((n) => n.id),
    leadOrganizationId: p.leadOrganizationId,
    participatingOrganizationIds: p.participatingOrganizations.map((o) => o.id),
    settings: [...p.settings],
    purpose: p.purpose,
    expectedBenefit: p.expectedBenefit ?? '',
    baseline: p.baseline ?? '',
    successCriteria: p.successCriteria.map((c) => ({
      id: c.id,
      name: c.name,
      targetValue: String(c.targetValue),
      unit: c.unit,
      description: c.description ?? '',
    })),
    plannedStart: p.plannedStart ?? '',
    plannedEnd: p.plannedEnd ?? '',
    broadRolloutIntended: p.broadRolloutIntended,
    consentApproach: p.consentApproach,
    consentDescription: p.consentDescription ?? '',
    informationSecurity: p.informationSecurity ?? '',
    workEnvironment: p.workEnvironment ?? '',
    involvement: p.involvement ?? '',
    risks: p.risks ?? '',
    documents: p.documents.map((d) => ({ title: d.title, url: d.url })),
  };
}

export default function EditProtocolPage() {
  const { id } = useParams();
  const { t } = useLanguage();
  const navigate = useNavigate();
  const [{ data, fetching, error }] = useQuery({
    query: ProtocolPlan,
    variables: { id: id! },
    requestPolicy: 'network-only',
  });
  const [state, update] = useMutation(UpdateTestProtocol);
  const protocol = data?.testProtocol;
  if (isNotFound(error)) return <NotVisible kind="protocol" />;
  return (
    <Page title={protocol ? t('protocolForm.editTitle', { title: protocol.title }) : t('protocol.editPlan')}>
      <QueryState fetching={fetching} error={error} hasData={!!protocol}>
        {protocol && (
          <>
            {protocol.versionCount > 0 && <p className="warning-box">{t('protocolForm.revisionWarning')}</p>}
            <ProtocolPlanForm
              draftKey={`testProtocol.${protocol.id}`}
              initial={planValues(protocol)}
              linkedNeeds={protocol.needs}
              submitLabel={t('protocolForm.save')}
              busy={state.fetching}
              onSubmit={async (values) => {
                const result = await update({ input: { id: protocol.id, ...toPlanInput(values) } }, PROTOCOLS_CONTEXT);
                if (result.error) return result.error;
                void navigate(`/testprotokoll/${protocol.id}`, { state: { notice: t('protocolForm.saved') } });
                return undefined;
              }}
            />
          </>
        )}
      </QueryState>
    </Page>
  );
}
