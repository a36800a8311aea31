import { type FormEvent, useDeferredValue, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { Select } from '@midas-ds/components/select';
import { TextField } from '@midas-ds/components/textfield';
import { graphql, type ResultOf } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { ListCard } from '../ui/ListCard.js';
import { SearchSelect } from '../ui/SearchSelect.js';
import { useFormErrors, useApiMessages } from '../ui/useFormErrors.js';

const LandscapeQuery = graphql(`
  query Landscape($organizationId: ID!) {
    organizationSystems(organizationId: $organizationId) {
      id
      systemId
      version
      inUseSince
      system {
        id
        name
        vendorName
        kind {
          key
          labelSv
          labelEn
        }
      }
    }
    technologyCategories {
      id
      key
      labelSv
      labelEn
    }
  }
`);

/** The catalogue's systems matching what the user types (a national catalogue has hundreds). */
const SystemChoicesQuery = graphql(`
  query SystemChoices($search: String) {
    systems(search: $search, first: 30) {
      nodes {
        id
        name
        vendorName
        kind {
          labelSv
          labelEn
        }
      }
    }
  }
`);

const ImpactQuery = graphql(`
  query UpgradeImpact($organizationId: ID!, $systemId: ID!, $toVersion: String!) {
    upgradeImpact(organizationId: $organizationId, systemId: $systemId, toVersion: $toVersion) {
      fromVersion
      toVersion
      affected {
        change
        statusAtTarget
        productVersion
        product {
          id
          name
          supplier {
            name
          }
        }
        today {
          status
          evidence
        }
      }
      unaffected {
        product {
          id
        }
      }
    }
  }
`);

const CompatibleQuery = graphql(`
  query CompatibleForLandscape($category: String!, $organizationId: ID!) {
    compatibleProducts(category: $category, organizationId: $organizationId) {
      compatible {
        product {
          id
          name
          supplier {
            name
          }
        }
        partial
        weakestEvidence
        reasons
      }
      excluded {
        product {
          id
          name
          supplier {
            name
          }
        }
        reasons
      }
    }
  }
`);

const SetSystem = graphql(`
  mutation SetOrganizationSystem($input: SetOrganizationSystemInput!) {
    setOrganizationSystem(input: $input) {
      id
      version
    }
  }
`);
const RemoveSystem = graphql(`
  mutation RemoveOrganizationSystem($input: RemoveOrganizationSystemInput!) {
    removeOrganizationSystem(input: $input) {
      id
    }
  }
`);

type OrganizationSystem = ResultOf<typeof LandscapeQuery>['organizationSystems'][number];

const LANDSCAPE_CONTEXT = { additionalTypenames: ['OrganizationSystem'] };
const FIELDS = ['systemId', 'version', 'inUseSince'] as const;

/** Our system landscape: what we run, what an upgrade would break before it is saved, and which products fit. */
export default function LandscapePage() {
  const { t, lang } = useLanguage();
  const apiMessages = useApiMessages();
  const { me, hasRole } = useSession();
  const organizationId = me!.organization.id;
  const mayEdit = hasRole('MUNICIPALITY_COORDINATOR', 'NODE_STAFF', 'NODE_ADMIN');
  const [{ data, fetching, error }, refetch] = useQuery({
    query: LandscapeQuery,
    variables: { organizationId },
    context: LANDSCAPE_CONTEXT,
  });
  const [editing, setEditing] = useState<{ systemId: string; name: string; from: string } | null>(null);
  const [toVersion, setToVersion] = useState('');
  const [checkedVersion, setCheckedVersion] = useState('');
  const [impact] = useQuery({
    query: ImpactQuery,
    variables: { organizationId, systemId: editing?.systemId ?? '', toVersion: checkedVersion },
    pause: !editing || !checkedVersion,
  });
  const [adding, setAdding] = useState({ systemId: '', version: '' });
  const [systemSearch, setSystemSearch] = useState('');
  const searched = useDeferredValue(systemSearch.trim());
  const [choices] = useQuery({ query: SystemChoicesQuery, variables: { search: searched || null }, pause: !mayEdit });
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [category, setCategory] = useState('');
  const [compatible] = useQuery({ query: CompatibleQuery, variables: { category, organizationId }, pause: !category });
  const [setState, setSystem] = useMutation(SetSystem);
  const [, removeSystem] = useMutation(RemoveSystem);
  const editForm = useFormErrors(FIELDS, { version: { label: t('landscape.newVersion') } });
  const addForm = useFormErrors(FIELDS, {
    systemId: { label: t('landscape.system'), required: t('form.problem.choose', { label: t('landscape.system') }) },
    version: { label: t('landscape.version') },
  });
  const running = new Set(data?.organizationSystems.map((s) => s.systemId));
  const label = (c: { labelSv: string; labelEn: string }) => (lang === 'sv' ? c.labelSv : c.labelEn);
  // The chosen system stays offered while the user types on (the api's answer may no longer hold it).
  const systemItems = [
    ...(chosen ? [chosen] : []),
    ...(choices.data?.systems.nodes ?? [])
      .filter((s) => !running.has(s.id) && s.id !== chosen?.id)
      .map((s) => ({ id: s.id, name: `${s.name} (${s.vendorName}), ${label(s.kind)}` })),
  ];

  const saveVersion = async () => {
    const result = await setSystem({
      input: { organizationId, systemId: editing!.systemId, version: toVersion.trim() },
    });
    if (editForm.show(result.error)) return;
    setDone(t('landscape.versionSaved', { name: editing!.name, version: toVersion.trim() }));
    setEditing(null);
    setCheckedVersion('');
    refetch({ requestPolicy: 'network-only' });
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const result = await setSystem({
      input: { organizationId, systemId: adding.systemId, version: adding.version.trim() },
    });
    if (addForm.show(result.error)) return;
    setDone(t('landscape.added'));
    setAdding({ systemId: '', version: '' });
    setChosen(null);
    refetch({ requestPolicy: 'network-only' });
  };

  const remove = async (systemId: string, name: string) => {
    const result = await removeSystem({ input: { organizationId, systemId } });
    if (editForm.show(result.error)) return;
    setRemoving(null);
    setDone(t('landscape.removed', { name }));
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <Page title={t('landscape.title')}>
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {data && (
          <>
            {done && <Notice>{done}</Notice>}
            <ListCard
              id="systems"
              title={t('landscape.ourSystems', { organization: me!.organization.name })}
              items={data.organizationSystems}
              rowKey={(s) => s.id}
              empty={t('landscape.none')}
              columns={[
                {
                  header: t('landscape.system'),
                  cell: (s) => (
                    <>
                      {s.system.name} <span className="muted">({s.system.vendorName})</span>
                    </>
                  ),
                },
                { header: t('landscape.kind'), cell: (s) => label(s.system.kind) },
                { header: t('landscape.version'), cell: (s) => s.version },
                ...(mayEdit
                  ? [
                      {
                        header: <span className="visually-hidden">{t('agreement.actions')}</span>,
                        cell: (s: OrganizationSystem) => (
                          <div className="row">
                            <Button
                              variant="tertiary"
                              onPress={() => {
                                setDone(null);
                                editForm.clear();
                                setEditing({ systemId: s.systemId, name: s.system.name, from: s.version });
                                setToVersion('');
                                setCheckedVersion('');
                              }}
                            >
                              {t('landscape.changeVersionOf', { name: s.system.name })}
                            </Button>
                            {removing === s.systemId ? (
                              <Button variant="secondary" onPress={() => remove(s.systemId, s.system.name)}>
                                {t('landscape.confirmRemove', { name: s.system.name })}
                              </Button>
                            ) : (
                              <Button variant="tertiary" onPress={() => setRemoving(s.systemId)}>
                                {t('landscape.removeOf', { name: s.system.name })}
                              </Button>
                            )}
                          </div>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {editing && (
              <section aria-labelledby="upgrade-heading" className="card">
                <h2 id="upgrade-heading">{t('landscape.upgradeTitle', { name: editing.name, from: editing.from })}</h2>
                <ErrorSummary messages={editForm.summary} />
                <form
                  className="stack narrow"
                  noValidate
                  onSubmit={(e) => {
                    e.preventDefault();
                    setCheckedVersion(toVersion.trim());
                  }}
                >
                  <TextField
                    label={t('landscape.newVersion')}
                    isRequired
                    value={toVersion}
                    onChange={(v) => {
                      setToVersion(v);
                      setCheckedVersion('');
                    }}
                    {...editForm.field('version')}
                  />
                  <Button type="submit" variant="secondary" isDisabled={!toVersion.trim()}>
                    {t('landscape.showImpact')}
                  </Button>
                </form>
                {checkedVersion && (
                  <div role="status">
                    {impact.fetching && <p>{t('app.loading')}</p>}
                    {impact.error && <ErrorSummary messages={apiMessages(impact.error)} />}
                    {impact.data && (
                      <>
                        <h3>{t('landscape.impactTitle', { version: checkedVersion })}</h3>
                        {impact.data.upgradeImpact.affected.length ? (
                          <ul className="warning-box">
                            {impact.data.upgradeImpact.affected.map((a) => (
                              <li key={a.product.id}>
                                {t('landscape.impactItem', {
                                  product: `${a.product.name} (${a.product.supplier.name})`,
                                  change: t(`impactChange.${a.change}` as MessageKey),
                                  today: t(`compatibilityStatus.${a.today.status}` as MessageKey),
                                  after: t(`compatibilityStatus.${a.statusAtTarget}` as MessageKey),
                                })}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <p>{t('landscape.impactNone', { count: impact.data.upgradeImpact.unaffected.length })}</p>
                        )}
                        <div className="row">
                          <Button variant="primary" isDisabled={setState.fetching} onPress={saveVersion}>
                            {t('landscape.saveVersion', { version: checkedVersion })}
                          </Button>
                          <Button variant="secondary" onPress={() => setEditing(null)}>
                            {t('app.cancel')}
                          </Button>
                        </div>
                      </>
                    )}
                  </div>
                )}
              </section>
            )}
            {mayEdit && (
              <section aria-labelledby="add-heading" className="card">
                <h2 id="add-heading">{t('landscape.add')}</h2>
                <ErrorSummary messages={addForm.summary} />
                <form onSubmit={add} noValidate className="stack narrow">
                  <SearchSelect
                    id={addForm.fieldId('systemId')}
                    label={t('landscape.system')}
                    description={t('landscape.systemSearchHint')}
                    isRequired
                    items={systemItems}
                    value={adding.systemId}
                    onTextChange={setSystemSearch}
                    onChange={(id) => {
                      setChosen(systemItems.find((s) => s.id === id) ?? null);
                      setAdding((a) => ({ ...a, systemId: id }));
                    }}
                    error={addForm.fieldError('systemId')}
                  />
                  <TextField
                    label={t('landscape.version')}
                    isRequired
                    value={adding.version}
                    onChange={(v) => setAdding((a) => ({ ...a, version: v }))}
                    {...addForm.field('version')}
                  />
                  <Button type="submit" variant="primary" isDisabled={setState.fetching}>
                    {t('landscape.addSubmit')}
                  </Button>
                </form>
              </section>
            )}
            <section aria-labelledby="compatible-heading" className="card">
              <h2 id="compatible-heading">{t('landscape.compatibleTitle')}</h2>
              <div className="narrow">
                <Select
                  label={t('procurement.category')}
                  placeholder={t('landscape.choose')}
                  items={data.technologyCategories.map((c) => ({ id: c.key, name: label(c) }))}
                  selectedKey={category || null}
                  onSelectionChange={(key) => key !== null && setCategory(String(key))}
                >
                  {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
                </Select>
              </div>
              {compatible.data && (
                <>
                  <h3>{t('landscape.fits')}</h3>
                  {compatible.data.compatibleProducts.compatible.length ? (
                    <ul className="plain-list">
                      {compatible.data.compatibleProducts.compatible.map((f) => (
                        <li key={f.product.id}>
                          {f.product.name} ({f.product.supplier.name}) –{' '}
                          {f.partial ? t('agreement.fitPartial') : t('agreement.fitOk')}
                          {f.weakestEvidence && (
                            <span className="muted"> · {t(`evidence.${f.weakestEvidence}` as MessageKey)}</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p>{t('app.empty')}</p>
                  )}
                  <h3>{t('landscape.doesNotFit')}</h3>
                  {compatible.data.compatibleProducts.excluded.length ? (
                    <ul className="plain-list">
                      {compatible.data.compatibleProducts.excluded.map((f) => (
                        <li key={f.product.id}>
                          {f.product.name} ({f.product.supplier.name}){' '}
                          <span className="muted">– {f.reasons.join('; ')}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p>{t('app.empty')}</p>
                  )}
                </>
              )}
            </section>
          </>
        )}
      </QueryState>
    </Page>
  );
}
