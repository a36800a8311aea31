import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { Checkbox, CheckboxGroup } from '@midas-ds/components/checkbox';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { SearchField } from '@midas-ds/components/search-field';
import { Select } from '@midas-ds/components/select';
import { TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { useFormErrors } from '../ui/useFormErrors.js';
import { ListCard, LoadMore } from '../ui/ListCard.js';
import { useConnection } from '../ui/useConnection.js';

const ROLES = [
  'NODE_ADMIN',
  'NODE_STAFF',
  'STEERING_MEMBER',
  'MUNICIPALITY_COORDINATOR',
  'TECH_COACH',
  'VIEWER',
] as const;
type RoleName = (typeof ROLES)[number];
const STATUSES = ['active', 'inactive'] as const;

const UsersQuery = graphql(`
  query Users($first: Int, $after: String, $organizationId: ID, $role: Role, $active: Boolean, $search: String) {
    users(
      first: $first
      after: $after
      organizationId: $organizationId
      role: $role
      active: $active
      search: $search
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        displayName
        email
        active
        roles
        organization {
          id
          name
        }
      }
    }
  }
`);
const OrganizationsQuery = graphql(`
  query UserOrganizations {
    organizations {
      id
      name
    }
  }
`);
const CreateUser = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      displayName
    }
  }
`);
const UpdateUser = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      id
      displayName
      active
      roles
    }
  }
`);

const USERS_CONTEXT = { additionalTypenames: ['User'] };

interface UserRow {
  id: string;
  displayName: string;
  email: string | null;
  active: boolean;
  roles: readonly string[];
  organization: { id: string; name: string };
}

/** Node admins: who may log in, in which organisation, with which roles. The api refuses everyone else. */
export default function UsersPage() {
  const { t } = useLanguage();
  const { hasRole } = useSession();
  if (!hasRole('NODE_ADMIN')) {
    return (
      <Page title={t('users.title')}>
        <p>{t('users.adminsOnly')}</p>
      </Page>
    );
  }
  return <UsersAdmin />;
}

function UsersAdmin() {
  const { t } = useLanguage();
  const [params, setParams] = useSearchParams();
  const search = params.get('sok') ?? '';
  const organizationId = params.get('org') ?? '';
  const role = (params.get('roll') ?? '') as RoleName | '';
  const status = (params.get('status') ?? '') as (typeof STATUSES)[number] | '';
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const list = useConnection({
    query: UsersQuery,
    variables: {
      search: search || null,
      organizationId: organizationId || null,
      role: role || null,
      active: status ? status === 'active' : null,
    },
    context: USERS_CONTEXT,
    pick: (data) => data.users,
  });
  const [organizations] = useQuery({ query: OrganizationsQuery });
  const orgItems = [{ id: '', name: t('users.all') }, ...(organizations.data?.organizations ?? [])];
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Page title={t('users.title')}>
      <div className="filters users-filters">
        <SearchField
          label={t('users.search')}
          placeholder={t('users.searchPlaceholder')}
          defaultValue={search}
          onSubmit={(v) => setFilter('sok', v.trim())}
          onClear={() => setFilter('sok', '')}
        />
        <Select
          label={t('users.organization')}
          items={orgItems}
          selectedKey={organizationId}
          onSelectionChange={(k) => k !== null && setFilter('org', String(k))}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
        <Select
          label={t('users.role')}
          items={[{ id: '', name: t('users.all') }, ...ROLES.map((r) => ({ id: r, name: t(`role.${r}`) }))]}
          selectedKey={role}
          onSelectionChange={(k) => k !== null && setFilter('roll', String(k))}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
        <Select
          label={t('users.status')}
          items={[{ id: '', name: t('users.all') }, ...STATUSES.map((s) => ({ id: s, name: t(`users.status.${s}`) }))]}
          selectedKey={status}
          onSelectionChange={(k) => k !== null && setFilter('status', String(k))}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
      </div>
      {notice && <Notice>{notice}</Notice>}
      <QueryState fetching={list.fetching} error={list.error} hasData={list.hasData}>
        <ListCard
          id="users"
          title={t('users.count', { count: list.totalCount ?? 0 })}
          items={list.nodes}
          rowKey={(u) => u.id}
          empty={t('users.none')}
          scroll
          tableClass="users-table"
          columns={[
            { header: t('users.name'), cell: (u) => u.displayName },
            { header: t('users.email'), cell: (u) => u.email ?? '–' },
            { header: t('users.organization'), cell: (u) => u.organization.name },
            { header: t('users.roles'), cell: (u) => u.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ') },
            { header: t('users.status'), cell: (u) => (u.active ? t('users.active') : t('users.inactive')) },
            {
              header: <span className="visually-hidden">{t('users.cancel')}</span>,
              cell: (u) => (
                <Button
                  variant="tertiary"
                  aria-label={t('users.edit', { name: u.displayName })}
                  onPress={() => setEditing(u)}
                >
                  {t('users.editShort')}
                </Button>
              ),
            },
          ]}
          after={<LoadMore list={list} />}
        />
      </QueryState>
      {editing && (
        <EditUser
          key={editing.id}
          user={editing}
          onDone={(message) => setNotice(message)}
          onClose={() => setEditing(null)}
        />
      )}
      <NewUser
        organizations={organizations.data?.organizations ?? []}
        onCreated={(name) => setNotice(t('users.created', { name }))}
      />
    </Page>
  );
}

function RoleChoice({
  value,
  onChange,
  error,
  id,
}: {
  value: string[];
  onChange: (roles: string[]) => void;
  error?: string;
  /** The group's id, for the error summary's link. */
  id?: string;
}) {
  const { t } = useLanguage();
  return (
    <CheckboxGroup
      label={t('users.roles')}
      isRequired
      id={id}
      value={value}
      onChange={onChange}
      isInvalid={!!error}
      errorMessage={error}
    >
      {ROLES.map((r) => (
        <Checkbox key={r} value={r}>
          {t(`role.${r}`)}
        </Checkbox>
      ))}
    </CheckboxGroup>
  );
}

function EditUser({
  user,
  onDone,
  onClose,
}: {
  user: UserRow;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const { t } = useLanguage();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<string[]>([...user.roles]);
  const [active, setActive] = useState(user.active);
  const heading = useRef<HTMLHeadingElement>(null);
  // The form opens below the list: take the keyboard and screen reader there.
  useEffect(() => heading.current?.focus(), []);
  const form = useFormErrors(['displayName', 'roles', 'active'], {
    displayName: { label: t('users.name') },
    roles: { label: t('users.roles') },
  });
  const [state, update] = useMutation(UpdateUser);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await update(
      { input: { id: user.id, displayName: displayName.trim(), roles: roles as RoleName[] } },
      USERS_CONTEXT,
    );
    if (form.show(result.error)) return;
    onDone(t('users.updated', { name: result.data!.updateUser.displayName }));
  };
  const toggleActive = async () => {
    const result = await update({ input: { id: user.id, active: !active } }, USERS_CONTEXT);
    if (form.show(result.error)) return;
    setActive(result.data!.updateUser.active);
    onDone(
      t(result.data!.updateUser.active ? 'users.reactivated' : 'users.deactivated', {
        name: result.data!.updateUser.displayName,
      }),
    );
  };
  return (
    <section aria-labelledby="edit-user" className="card">
      <h2 id="edit-user" tabIndex={-1} ref={heading}>
        {t('users.editHeading', { name: user.displayName })}
      </h2>
      <p className="muted">
        {user.email} · {user.organization.name}
      </p>
      <ErrorSummary messages={form.summary} />
      <form onSubmit={save} noValidate className="stack narrow">
        <TextField
          label={t('users.name')}
          isRequired
          value={displayName}
          onChange={setDisplayName}
          {...form.field('displayName')}
        />
        <RoleChoice value={roles} onChange={setRoles} error={form.fieldError('roles')} id={form.fieldId('roles')} />
        <div className="row">
          <Button type="submit" variant="primary" isDisabled={state.fetching}>
            {t('users.save')}
          </Button>
          <Button variant="secondary" isDisabled={state.fetching} onPress={toggleActive}>
            {active ? t('users.deactivate') : t('users.reactivate')}
          </Button>
          <Button variant="tertiary" onPress={onClose}>
            {t('users.cancel')}
          </Button>
        </div>
        {form.fieldError('active') && (
          <p className="field-error" role="alert">
            {form.fieldError('active')}
          </p>
        )}
      </form>
    </section>
  );
}

const EMPTY_USER = { displayName: '', email: '', organizationId: '', password: '', roles: [] as string[] };

function NewUser({
  organizations,
  onCreated,
}: {
  organizations: readonly { id: string; name: string }[];
  onCreated: (name: string) => void;
}) {
  const { t } = useLanguage();
  const [values, setValues] = useState(EMPTY_USER);
  // The api names every problem of CreateUserInput at once; each is worded with the field's own label.
  const form = useFormErrors(['displayName', 'email', 'organizationId', 'password', 'roles'], {
    displayName: { label: t('users.name') },
    email: { label: t('users.email') },
    organizationId: {
      label: t('users.organization'),
      required: t('form.problem.choose', { label: t('users.organization') }),
    },
    password: { label: t('users.password') },
    roles: { label: t('users.roles') },
  });
  const [state, create] = useMutation(CreateUser);
  const set = <K extends keyof typeof values>(name: K, value: (typeof values)[K]) =>
    setValues((v) => ({ ...v, [name]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create(
      {
        input: {
          displayName: values.displayName.trim(),
          email: values.email.trim(),
          organizationId: values.organizationId,
          password: values.password,
          roles: values.roles as RoleName[],
        },
      },
      USERS_CONTEXT,
    );
    if (form.show(result.error)) return;
    onCreated(result.data!.createUser.displayName);
    setValues(EMPTY_USER);
  };
  return (
    <section aria-labelledby="new-user" className="card">
      <h2 id="new-user">{t('users.new')}</h2>
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack narrow">
        <TextField
          label={t('users.name')}
          isRequired
          value={values.displayName}
          onChange={(v) => set('displayName', v)}
          {...form.field('displayName')}
        />
        <TextField
          label={t('users.email')}
          type="email"
          isRequired
          value={values.email}
          onChange={(v) => set('email', v)}
          {...form.field('email')}
        />
        <Select
          label={t('users.organization')}
          placeholder={t('app.choose')}
          isRequired
          items={organizations}
          selectedKey={values.organizationId || null}
          onSelectionChange={(k) => k !== null && set('organizationId', String(k))}
          {...form.field('organizationId')}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
        <TextField
          label={t('users.password')}
          description={t('users.passwordHint')}
          type="password"
          isRequired
          value={values.password}
          onChange={(v) => set('password', v)}
          {...form.field('password')}
        />
        <RoleChoice
          value={values.roles}
          onChange={(roles) => set('roles', roles)}
          error={form.fieldError('roles')}
          id={form.fieldId('roles')}
        />
        <Button type="submit" variant="primary" isDisabled={state.fetching}>
          {t('users.create')}
        </Button>
      </form>
    </section>
  );
}
