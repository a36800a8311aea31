import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { Checkbox, CheckboxGroup } from '@midas-ds/components/checkbox';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { Select } from '@midas-ds/components/select';
import { TextArea, TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { DateInput } from '../ui/DateInput.js';
import { ErrorSummary, Page } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { useDraft } from '../ui/useDraft.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';
import type { ApiError } from '../app/api-errors.js';

const PROCEDURES = [
  'OPEN',
  'SIMPLIFIED',
  'RESTRICTED',
  'NEGOTIATED',
  'COMPETITIVE_DIALOGUE',
  'INNOVATION_PARTNERSHIP',
  'DIRECT_AWARD',
] as const;
const KINDS = ['FUNCTION', 'PRODUCT'] as const;

const Categories = graphql(`
  query NewProcurementCategories {
    technologyCategories {
      key
      labelSv
      labelEn
    }
  }
`);
const OpenNeeds = graphql(`
  query NewProcurementNeeds($category: String!) {
    needs(category: $category, statuses: [NEW, TRIAGED, IN_TEST, IN_PROCUREMENT], first: 100) {
      nodes {
        id
        title
        organization {
          name
        }
      }
    }
  }
`);
const Decisions = graphql(`
  query NewProcurementDecisions($category: String!) {
    decisions(category: $category, first: 100) {
      nodes {
        id
        outcome
        decidedAt
        protocol {
          title
        }
      }
    }
  }
`);
const CreateProcurement = graphql(`
  mutation CreateProcurement($input: CreateProcurementInput!) {
    createProcurement(input: $input) {
      id
    }
  }
`);

interface Lot {
  name: string;
  description: string;
}

/** Node staff start a joint procurement: what, how, the participation window and its lots. */
export default function NewProcurementPage() {
  const { t, lang } = useLanguage();
  const navigate = useNavigate();
  const [categories] = useQuery({ query: Categories });
  const draft = useDraft('newProcurement', {
    title: '',
    description: '',
    category: '',
    procedure: '',
    kind: '',
    estimatedValueSek: '',
    participationOpensOn: '',
    participationClosesOn: '',
    needIds: [] as string[],
    testDecisionIds: [] as string[],
    lots: [{ name: '', description: '' }] as Lot[],
  });
  const { values } = draft;
  // A field's error goes once the user changes that field (the rest stay until the next attempt).
  const set: typeof draft.set = (name, value) => {
    form.clearField(String(name));
    draft.set(name, value);
  };
  const { needIds, testDecisionIds, lots } = values;
  const setNeedIds = (ids: string[]) => set('needIds', ids);
  const setTestDecisionIds = (ids: string[]) => set('testDecisionIds', ids);
  const setLots = (change: (all: Lot[]) => Lot[]) => set('lots', change(lots));
  const [needs] = useQuery({ query: OpenNeeds, variables: { category: values.category }, pause: !values.category });
  const [decisions] = useQuery({ query: Decisions, variables: { category: values.category }, pause: !values.category });
  const lotFields = lots.flatMap((_, i) => [`lots.${i}.name`, `lots.${i}.description`]);
  const optional = useOptional();
  const choose = (label: string) => ({ label, required: t('form.problem.choose', { label }) });
  const form = useFormErrors(
    [
      'title',
      'description',
      'category',
      'procedure',
      'kind',
      'estimatedValueSek',
      'participationOpensOn',
      'participationClosesOn',
      'lots',
      'needIds',
      'testDecisionIds',
      ...lotFields,
    ],
    {
      title: { label: t('newProcurement.name') },
      description: { label: t('newProcurement.description') },
      category: choose(t('procurement.category')),
      procedure: choose(t('newProcurement.procedure')),
      kind: choose(t('newProcurement.kind')),
      estimatedValueSek: { label: t('newProcurement.value') },
      participationOpensOn: { label: t('newProcurement.opens') },
      participationClosesOn: { label: t('newProcurement.closes') },
      ...Object.fromEntries(
        lots.flatMap((_, i) => [
          [`lots.${i}.name`, { label: t('newProcurement.lotName', { number: i + 1 }) }],
          [`lots.${i}.description`, { label: t('newProcurement.lotDescription', { number: i + 1 }) }],
        ]),
      ),
    },
  );
  const [state, create] = useMutation(CreateProcurement);
  const setLot = (index: number, change: Partial<Lot>) =>
    setLots((all) => all.map((lot, i) => (i === index ? { ...lot, ...change } : lot)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = values.estimatedValueSek.replace(/\s/g, '').replace(',', '.');
    // Every required field at once, as the api names them (CreateProcurementInput), before anything is sent.
    const problems: ApiError[] = [];
    if (!values.title.trim()) problems.push(problem('input.title', 'isNotEmpty'));
    for (const choice of ['category', 'procedure', 'kind'] as const)
      if (!values[choice]) problems.push(problem(`input.${choice}`, 'isDefined'));
    if (value && !Number.isFinite(Number(value))) problems.push(problem('input.estimatedValueSek', 'isNumber'));
    for (const date of ['participationOpensOn', 'participationClosesOn'] as const)
      if (!values[date]) problems.push(problem(`input.${date}`, 'isNotEmpty'));
    lots.forEach((lot, i) => {
      if (!lot.name.trim()) problems.push(problem(`input.lots.${i}.name`, 'isNotEmpty'));
    });
    if (problems.length) {
      form.show(problems);
      return;
    }
    const result = await create({
      input: {
        title: values.title.trim(),
        description: values.description.trim() || null,
        category: values.category,
        procedure: values.procedure as (typeof PROCEDURES)[number],
        kind: values.kind as (typeof KINDS)[number],
        estimatedValueSek: value ? Number(value) : null,
        participationOpensOn: values.participationOpensOn,
        participationClosesOn: values.participationClosesOn,
        lots: lots.map((lot) => ({ name: lot.name.trim(), description: lot.description.trim() || null })),
        needIds,
        testDecisionIds,
      },
    });
    if (form.show(result.error)) return;
    draft.clear();
    void navigate(`/upphandlingar/${result.data!.createProcurement.id}`);
  };
  const categoryItems = (categories.data?.technologyCategories ?? []).map((c) => ({
    id: c.key,
    name: lang === 'sv' ? c.labelSv : c.labelEn,
  }));
  return (
    <Page title={t('newProcurement.title')}>
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack narrow">
        <TextField
          label={t('newProcurement.name')}
          isRequired
          value={values.title}
          onChange={(v) => set('title', v)}
          {...form.field('title')}
        />
        <TextArea
          label={optional(t('newProcurement.description'))}
          value={values.description}
          onChange={(v) => set('description', v)}
          {...form.field('description')}
        />
        <Select
          label={t('procurement.category')}
          placeholder={t('app.choose')}
          isRequired
          items={categoryItems}
          selectedKey={values.category || null}
          onSelectionChange={(k) => {
            if (k === null) return;
            draft.update({ category: String(k), needIds: [], testDecisionIds: [] });
          }}
          {...form.field('category')}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
        {values.category && (
          <CheckboxGroup
            label={optional(t('newProcurement.needs'))}
            description={needs.data?.needs.nodes.length ? undefined : t('newProcurement.noNeeds')}
            value={needIds}
            onChange={setNeedIds}
            id={form.fieldId('needIds')}
            isInvalid={!!form.fieldError('needIds')}
            errorMessage={form.fieldError('needIds')}
          >
            {(needs.data?.needs.nodes ?? []).map((need) => (
              <Checkbox key={need.id} value={need.id}>
                {need.title} ({need.organization.name})
              </Checkbox>
            ))}
          </CheckboxGroup>
        )}
        {values.category && (
          <CheckboxGroup
            label={optional(t('newProcurement.decisions'))}
            description={decisions.data?.decisions.nodes.length ? undefined : t('newProcurement.noDecisions')}
            value={testDecisionIds}
            onChange={setTestDecisionIds}
            id={form.fieldId('testDecisionIds')}
            isInvalid={!!form.fieldError('testDecisionIds')}
            errorMessage={form.fieldError('testDecisionIds')}
          >
            {(decisions.data?.decisions.nodes ?? []).map((decision) => (
              <Checkbox key={decision.id} value={decision.id}>
                {t('newProcurement.decisionLabel', {
                  title: decision.protocol?.title ?? '',
                  outcome: t(`recommendation.${decision.outcome}` as MessageKey),
                  date: formatDate(decision.decidedAt, lang),
                })}
              </Checkbox>
            ))}
          </CheckboxGroup>
        )}
        <EnumSelect
          label={t('newProcurement.procedure')}
          values={PROCEDURES}
          labels="procedure"
          value={values.procedure}
          onChange={(v) => set('procedure', v)}
          isRequired
          id={form.fieldId('procedure')}
          error={form.fieldError('procedure')}
        />
        <EnumSelect
          label={t('newProcurement.kind')}
          values={KINDS}
          labels="procurementKind"
          value={values.kind}
          onChange={(v) => set('kind', v)}
          isRequired
          id={form.fieldId('kind')}
          error={form.fieldError('kind')}
        />
        <TextField
          label={optional(t('newProcurement.value'))}
          inputMode="decimal"
          value={values.estimatedValueSek}
          onChange={(v) => set('estimatedValueSek', v)}
          {...form.field('estimatedValueSek')}
        />
        <DateInput
          label={t('newProcurement.opens')}
          value={values.participationOpensOn}
          onChange={(v) => set('participationOpensOn', v)}
          isRequired
          id={form.fieldId('participationOpensOn')}
          error={form.fieldError('participationOpensOn')}
        />
        <DateInput
          label={t('newProcurement.closes')}
          value={values.participationClosesOn}
          onChange={(v) => set('participationClosesOn', v)}
          isRequired
          id={form.fieldId('participationClosesOn')}
          error={form.fieldError('participationClosesOn')}
        />
        <fieldset className="stack">
          <legend>{t('newProcurement.lots')}</legend>
          {form.fieldError('lots') && <p className="field-error">{form.fieldError('lots')}</p>}
          {lots.map((lot, i) => (
            <div key={i} className="stack card">
              <TextField
                label={t('newProcurement.lotName', { number: i + 1 })}
                isRequired
                value={lot.name}
                onChange={(name) => setLot(i, { name })}
                {...form.field(`lots.${i}.name`)}
              />
              <TextArea
                label={optional(t('newProcurement.lotDescription', { number: i + 1 }))}
                value={lot.description}
                onChange={(description) => setLot(i, { description })}
                {...form.field(`lots.${i}.description`)}
              />
              {lots.length > 1 && (
                <Button variant="tertiary" onPress={() => setLots((all) => all.filter((_, j) => j !== i))}>
                  {t('newProcurement.removeLot', { number: i + 1 })}
                </Button>
              )}
            </div>
          ))}
          <Button variant="secondary" onPress={() => setLots((all) => [...all, { name: '', description: '' }])}>
            {t('newProcurement.addLot')}
          </Button>
        </fieldset>
        <Button type="submit" variant="primary" isDisabled={state.fetching}>
          {t('newProcurement.create')}
        </Button>
      </form>
    </Page>
  );
}
