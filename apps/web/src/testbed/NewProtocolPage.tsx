import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { Page } from '../ui/Page.js';
import { EMPTY_PLAN, ProtocolPlanForm, toPlanInput } from './ProtocolPlanForm.js';
import { PROTOCOLS_CONTEXT } from './ProtocolsPage.js';

const CreateTestProtocol = graphql(`
  mutation CreateTestProtocol($input: CreateTestProtocolInput!) {
    createTestProtocol(input: $input) {
      id
      title
      status
    }
  }
`);

/** A new test protocol starts as a draft led by the caller's organisation (node staff choose the lead). */
export default function NewProtocolPage() {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const [state, create] = useMutation(CreateTestProtocol);
  return (
    <Page title={t('protocolForm.newTitle')}>
      <p>{t('protocolForm.intro')}</p>
      <ProtocolPlanForm
        draftKey="testProtocol.new"
        initial={EMPTY_PLAN}
        submitLabel={t('protocolForm.create')}
        busy={state.fetching}
        onSubmit={async (values) => {
          const result = await create({ input: toPlanInput(values) }, PROTOCOLS_CONTEXT);
          if (result.error) return result.error;
          void navigate(`/testprotokoll/${result.data!.createTestProtocol.id}`, {
            state: { notice: t('protocolForm.created') },
          });
          return undefined;
        }}
      />
    </Page>
  );
}
