import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { Checkbox, CheckboxGroup } from '@midas-ds/components/checkbox';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { Select } from '@midas-ds/components/select';
import { TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { ListCard } from '../ui/ListCard.js';
import { useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';

const ROLES = [
  'MUNICIPALITY_COORDINATOR',
  'TECH_COACH',
  'STEERING_MEMBER',
  'VIEWER',
  'NODE_STAFF',
  'NODE_ADMIN',
] as const;
type RoleName = (typeof ROLES)[number];
const CONTEXT = { additionalTypenames: ['IdentityProvider', 'Organization', 'User'] };

const ProvidersQuery = graphql(`
  query IdentityProviderSettings {
    identityProviderSettings {
      id
      organizationId
      kind
      displayName
      enabled
      issuer
      idpEntityId
    }
    organizations {
      id
      name
      localPasswordsAllowed
    }
  }
`);
const CreateProvider = graphql(`
  mutation CreateIdentityProvider($input: CreateIdentityProviderInput!) {
    createIdentityProvider(input: $input) {
      id
      displayName
    }
  }
`);
const TestProvider = graphql(`
  mutation TestIdentityProvider($id: ID!) {
    testIdentityProvider(id: $id) {
      ok
      problems
    }
  }
`);
const DisableProvider = graphql(`
  mutation DisableIdentityProvider($id: ID!) {
    disableIdentityProvider(id: $id) {
      id
      enabled
    }
  }
`);
const SetLocalPasswords = graphql(`
  mutation SetLocalPasswordsAllowed($organizationId: ID!, $allowed: Boolean!) {
    setLocalPasswordsAllowed(organizationId: $organizationId, allowed: $allowed) {
      id
      localPasswordsAllowed
    }
  }
`);
const InviteUser = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      id
      displayName
    }
  }
`);

/** Node admins connect the organisations' own sign-in services, invite people, and decide on local passwords. */
export default function IdentityProvidersPage() {
  const { t } = useLanguage();
  const { hasRole } = useSession();
  if (!hasRole('NODE_ADMIN'))
    return (
      <Page title={t('idp.title')}>
        <p>{t('users.adminsOnly')}</p>
      </Page>
    );
  return <IdentityProvidersAdmin />;
}

function IdentityProvidersAdmin() {
  const { t } = useLanguage();
  const [{ data, fetching, error }] = useQuery({ query: ProvidersQuery, context: CONTEXT });
  const [, test] = useMutation(TestProvider);
  const [, disable] = useMutation(DisableProvider);
  const [, setLocal] = useMutation(SetLocalPasswords);
  const [notice, setNotice] = useState<string | null>(null);
  const organizations = data?.organizations ?? [];
  const orgName = (id: string) => organizations.find((o) => o.id === id)?.name ?? '';
  const withProviders = organizations.filter((o) =>
    data?.identityProviderSettings.some((p) => p.organizationId === o.id),
  );
  return (
    <Page title={t('idp.title')}>
      <p>{t('idp.intro')}</p>
      {notice && <Notice>{notice}</Notice>}
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {data && (
          <ListCard
            id="idp-list"
            title={t('idp.list')}
            items={data.identityProviderSettings}
            rowKey={(p) => p.id}
            empty={t('idp.none')}
            scroll
            columns={[
              { header: t('idp.col.name'), cell: (p) => p.displayName },
              { header: t('idp.col.organization'), cell: (p) => orgName(p.organizationId) },
              { header: t('idp.col.kind'), cell: (p) => p.kind },
              { header: t('idp.col.status'), cell: (p) => (p.enabled ? t('idp.enabled') : t('idp.disabled')) },
              {
                header: <span className="visually-hidden">{t('agreement.actions')}</span>,
                cell: (p) => (
                  <>
                    <Button
                      variant="tertiary"
                      aria-label={t('idp.test', { name: p.displayName })}
                      onPress={async () => {
                        const result = await test({ id: p.id });
                        const check = result.data?.testIdentityProvider;
                        setNotice(
                          check?.ok
                            ? t('idp.testOk', { name: p.displayName })
                            : t('idp.testFailed', {
                                name: p.displayName,
                                problems: check?.problems.join('; ') ?? result.error?.message ?? '',
                              }),
                        );
                      }}
                    >
                      {t('idp.test', { name: '' }).trim()}
                    </Button>
                    {p.enabled && (
                      <Button
                        variant="tertiary"
                        aria-label={t('idp.disable', { name: p.displayName })}
                        onPress={async () => {
                          const result = await disable({ id: p.id }, CONTEXT);
                          if (!result.error) setNotice(t('idp.disabledDone', { name: p.displayName }));
                        }}
                      >
                        {t('idp.disable', { name: '' }).trim()}
                      </Button>
                    )}
                  </>
                ),
              },
            ]}
            after={withProviders.map((o) => (
              <Checkbox
                key={o.id}
                isSelected={o.localPasswordsAllowed}
                onChange={async (allowed) => {
                  const result = await setLocal({ organizationId: o.id, allowed }, CONTEXT);
                  if (!result.error)
                    setNotice(t(allowed ? 'idp.localPasswordsOn' : 'idp.localPasswordsOff', { organization: o.name }));
                }}
              >
                {t('idp.localPasswords', { organization: o.name })}
              </Checkbox>
            ))}
          />
        )}
      </QueryState>
      <NewProvider organizations={organizations} onCreated={(name) => setNotice(t('idp.created', { name }))} />
      <Invite organizations={organizations} onInvited={(name) => setNotice(t('idp.invited', { name }))} />
    </Page>
  );
}

const EMPTY = {
  organizationId: '',
  kind: 'OIDC' as 'OIDC' | 'SAML',
  displayName: '',
  issuer: '',
  clientId: '',
  clientSecretRef: '',
  subjectClaim: '',
  tenants: '',
  metadataUrl: '',
  metadataXml: '',
};
const PROVIDER_FIELDS = [
  'organizationId',
  'kind',
  'displayName',
  'issuer',
  'clientId',
  'clientSecretRef',
  'subjectClaim',
  'allowedTenantIds',
  'metadataUrl',
  'metadataXml',
];

function NewProvider({
  organizations,
  onCreated,
}: {
  organizations: readonly { id: string; name: string }[];
  onCreated: (name: string) => void;
}) {
  const { t } = useLanguage();
  const [values, setValues] = useState(EMPTY);
  const optional = useOptional();
  const choose = (label: string) => ({ label, required: t('form.problem.choose', { label }) });
  const form = useFormErrors(PROVIDER_FIELDS, {
    organizationId: choose(t('idp.field.organization')),
    kind: choose(t('idp.field.kind')),
    displayName: { label: t('idp.field.displayName') },
    issuer: { label: t('idp.field.issuer') },
    clientId: { label: t('idp.field.clientId') },
    clientSecretRef: { label: t('idp.field.clientSecretRef') },
    allowedTenantIds: { label: t('idp.field.tenants') },
    metadataUrl: { label: t('idp.field.metadataUrl') },
    metadataXml: { label: t('idp.field.metadataXml') },
    subjectClaim: { label: t('idp.field.subjectClaim') },
  });
  const [state, create] = useMutation(CreateProvider);
  const set = (name: keyof typeof EMPTY, value: string) => {
    form.clearField(name === 'tenants' ? 'allowedTenantIds' : name);
    setValues((v) => ({ ...v, [name]: value }));
  };
  const text = (name: keyof typeof EMPTY, field: string = name) => ({
    value: values[name],
    onChange: (v: string) => set(name, v),
    ...form.field(field),
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const oidc = values.kind === 'OIDC';
    const result = await create(
      {
        input: {
          organizationId: values.organizationId,
          kind: values.kind,
          displayName: values.displayName,
          subjectClaim: values.subjectClaim || null,
          ...(oidc
            ? {
                issuer: values.issuer || null,
                clientId: values.clientId || null,
                clientSecretRef: values.clientSecretRef || null,
                allowedTenantIds: values.tenants
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              }
            : { metadataUrl: values.metadataUrl || null, metadataXml: values.metadataXml || null }),
        },
      },
      CONTEXT,
    );
    if (form.show(result.error)) return;
    onCreated(result.data!.createIdentityProvider.displayName);
    setValues(EMPTY);
  };
  return (
    <section aria-labelledby="idp-new" className="card">
      <h2 id="idp-new">{t('idp.new')}</h2>
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack narrow">
        <Select
          label={t('idp.field.organization')}
          placeholder={t('app.choose')}
          isRequired
          items={organizations}
          selectedKey={values.organizationId || null}
          onSelectionChange={(k) => k !== null && set('organizationId', String(k))}
          {...form.field('organizationId')}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
        <Select
          label={t('idp.field.kind')}
          isRequired
          items={[
            { id: 'OIDC', name: 'OpenID Connect (Entra ID, SITHS, Freja OrgID)' },
            { id: 'SAML', name: 'SAML 2.0 (Sambi)' },
          ]}
          selectedKey={values.kind}
          onSelectionChange={(k) => k !== null && set('kind', String(k))}
          {...form.field('kind')}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
        <TextField label={t('idp.field.displayName')} isRequired {...text('displayName')} />
        {values.kind === 'OIDC' ? (
          <>
            <TextField label={t('idp.field.issuer')} type="url" isRequired {...text('issuer')} />
            <TextField label={t('idp.field.clientId')} isRequired {...text('clientId')} />
            <TextField label={t('idp.field.clientSecretRef')} isRequired {...text('clientSecretRef')} />
            <TextField label={optional(t('idp.field.tenants'))} {...text('tenants', 'allowedTenantIds')} />
          </>
        ) : (
          <>
            <TextField label={t('idp.field.metadataUrl')} type="url" {...text('metadataUrl')} />
            <TextField label={t('idp.field.metadataXml')} {...text('metadataXml')} />
          </>
        )}
        <TextField label={optional(t('idp.field.subjectClaim'))} {...text('subjectClaim')} />
        <Button type="submit" variant="primary" isDisabled={state.fetching}>
          {t('idp.create')}
        </Button>
      </form>
    </section>
  );
}

const INVITE_FIELDS = ['displayName', 'email', 'organizationId', 'roles'] as const;
const EMPTY_INVITE = { email: '', displayName: '', organizationId: '', roles: [] as string[] };

function Invite({
  organizations,
  onInvited,
}: {
  organizations: readonly { id: string; name: string }[];
  onInvited: (name: string) => void;
}) {
  const { t } = useLanguage();
  const [values, setValues] = useState(EMPTY_INVITE);
  const optional = useOptional();
  const form = useFormErrors(INVITE_FIELDS, {
    displayName: { label: t('idp.invite.name') },
    email: { label: t('idp.invite.email') },
    organizationId: {
      label: t('idp.field.organization'),
      required: t('form.problem.choose', { label: t('idp.field.organization') }),
    },
    roles: { label: t('users.roles') },
  });
  const change = (patch: Partial<typeof values>) => {
    for (const name of Object.keys(patch)) form.clearField(name);
    setValues((s) => ({ ...s, ...patch }));
  };
  const [state, invite] = useMutation(InviteUser);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await invite({ input: { ...values, roles: values.roles as RoleName[] } }, CONTEXT);
    if (form.show(result.error)) return;
    onInvited(result.data!.inviteUser.displayName);
    setValues(EMPTY_INVITE);
  };
  return (
    <section aria-labelledby="idp-invite" className="card">
      <h2 id="idp-invite">{t('idp.invite')}</h2>
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack narrow">
        <TextField
          label={t('idp.invite.name')}
          isRequired
          value={values.displayName}
          onChange={(displayName) => change({ displayName })}
          {...form.field('displayName')}
        />
        <TextField
          label={t('idp.invite.email')}
          type="email"
          isRequired
          value={values.email}
          onChange={(email) => change({ email })}
          {...form.field('email')}
        />
        <Select
          label={t('idp.field.organization')}
          placeholder={t('app.choose')}
          isRequired
          items={organizations}
          selectedKey={values.organizationId || null}
          onSelectionChange={(k) => k !== null && change({ organizationId: String(k) })}
          {...form.field('organizationId')}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
        <CheckboxGroup
          label={optional(t('users.roles'))}
          value={values.roles}
          onChange={(roles) => change({ roles })}
          id={form.fieldId('roles')}
          isInvalid={!!form.fieldError('roles')}
          errorMessage={form.fieldError('roles')}
        >
          {ROLES.map((r) => (
            <Checkbox key={r} value={r}>
              {t(`role.${r}`)}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <Button type="submit" variant="primary" isDisabled={state.fetching}>
          {t('idp.invite.submit')}
        </Button>
      </form>
    </section>
  );
}
