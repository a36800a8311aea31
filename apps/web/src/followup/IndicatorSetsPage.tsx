import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { Checkbox } from '@midas-ds/components/checkbox';
import { TextField } from '@midas-ds/components/textfield';
import { graphql, type ResultOf } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { QueryState } from '../ui/QueryState.js';
import { ListCard } from '../ui/ListCard.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';
import type { ApiError } from '../app/api-errors.js';

const SetsQuery = graphql(`
  query IndicatorSets {
    indicatorSets {
      id
      version
      createdAt
      category {
        key
        labelSv
        labelEn
      }
      indicators {
        key
        labelSv
        labelEn
        type
        unit
        required
        sortOrder
      }
    }
  }
`);

const Configure = graphql(`
  mutation ConfigureIndicatorSet($input: ConfigureIndicatorSetInput!) {
    configureIndicatorSet(input: $input) {
      id
      version
    }
  }
`);

type IndicatorSet = ResultOf<typeof SetsQuery>['indicatorSets'][number];
const TYPES = ['COUNT', 'PERCENT', 'SCALE_1_5', 'YES_NO', 'TEXT'] as const;

/** Node staff's indicator sets: what each follow-up asks; adding an indicator makes a new version for follow-ups opened from now on. */
export default function IndicatorSetsPage() {
  const { t, lang } = useLanguage();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SetsQuery });
  return (
    <Page title={t('indicators.title')}>
      <p>{t('indicators.intro')}</p>
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {data?.indicatorSets.map((set) => (
          <ListCard
            key={set.id}
            id={`set-${set.id}`}
            title={
              <>
                {set.category ? (lang === 'sv' ? set.category.labelSv : set.category.labelEn) : t('indicators.default')}{' '}
                – {t('indicators.version', { version: set.version, date: formatDate(set.createdAt, lang) })}
              </>
            }
            items={[...set.indicators].sort((a, b) => a.sortOrder - b.sortOrder)}
            rowKey={(i) => i.key}
            empty={t('app.empty')}
            scroll
            columns={[
              {
                header: t('indicators.label'),
                cell: (i) => (
                  <>
                    {lang === 'sv' ? i.labelSv : i.labelEn}
                    {i.unit && <span className="muted"> ({i.unit})</span>}
                  </>
                ),
              },
              { header: t('indicators.key'), cell: (i) => <code>{i.key}</code> },
              { header: t('indicators.type'), cell: (i) => t(`indicatorType.${i.type}` as MessageKey) },
              { header: t('indicators.required'), cell: (i) => (i.required ? t('followUp.yes') : t('followUp.no')) },
            ]}
            after={<AddIndicator set={set} onAdded={() => refetch({ requestPolicy: 'network-only' })} />}
          />
        ))}
      </QueryState>
    </Page>
  );
}

function AddIndicator({ set, onAdded }: { set: IndicatorSet; onAdded: () => void }) {
  const { t } = useLanguage();
  const empty = {
    key: '',
    labelSv: '',
    labelEn: '',
    type: 'COUNT' as (typeof TYPES)[number],
    unit: '',
    required: false,
  };
  const [values, setValues] = useState(empty);
  const [done, setDone] = useState(false);
  const [state, configure] = useMutation(Configure);
  const position = set.indicators.length;
  const optional = useOptional();
  const path = (name: string) => `indicators.${position}.${name}`;
  const form = useFormErrors(
    [path('labelSv'), path('labelEn'), path('key'), path('type'), path('unit'), 'indicators'],
    {
      [path('labelSv')]: { label: t('indicators.labelSv') },
      [path('labelEn')]: { label: t('indicators.labelEn') },
      [path('key')]: { label: t('indicators.key'), invalid: t('indicators.keyInvalid') },
      [path('type')]: { label: t('indicators.type') },
      [path('unit')]: { label: t('indicators.unit') },
    },
  );
  /** The props a field takes to show its own error and be reached from the summary. */
  const field = (name: string) => ({
    id: form.fieldId(path(name)),
    isInvalid: !!form.fieldError(path(name)),
    errorMessage: form.fieldError(path(name)),
    validationBehavior: 'aria' as const,
  });
  const set_ = <K extends keyof typeof values>(name: K, value: (typeof values)[K]) => {
    form.clearField(path(name));
    setValues((v) => ({ ...v, [name]: value }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    // Every problem at once, as the api names them (IndicatorInput).
    const problems: ApiError[] = [];
    if (!values.labelSv.trim()) problems.push(problem(`input.${path('labelSv')}`, 'isNotEmpty'));
    if (!values.labelEn.trim()) problems.push(problem(`input.${path('labelEn')}`, 'isNotEmpty'));
    if (!values.key.trim()) problems.push(problem(`input.${path('key')}`, 'isNotEmpty'));
    else if (!/^[a-z][A-Za-z0-9]*$/.test(values.key.trim())) problems.push(problem(`input.${path('key')}`, 'matches'));
    if (problems.length) {
      form.show(problems);
      return;
    }
    const existing = [...set.indicators]
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map(({ key, labelSv, labelEn, type, unit, required }) => ({ key, labelSv, labelEn, type, unit, required }));
    const added = {
      key: values.key.trim(),
      labelSv: values.labelSv.trim(),
      labelEn: values.labelEn.trim(),
      type: values.type,
      unit: values.unit.trim() || null,
      required: values.required,
    };
    const result = await configure({
      input: { category: set.category?.key ?? null, indicators: [...existing, added] },
    });
    if (form.show(result.error)) return;
    setValues(empty);
    setDone(true);
    onAdded();
  };
  return (
    <details>
      <summary>{t('indicators.add')}</summary>
      {done && <Notice>{t('indicators.added')}</Notice>}
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack narrow">
        <TextField
          label={t('indicators.labelSv')}
          isRequired
          value={values.labelSv}
          onChange={(v) => set_('labelSv', v)}
          {...field('labelSv')}
        />
        <TextField
          label={t('indicators.labelEn')}
          isRequired
          value={values.labelEn}
          onChange={(v) => set_('labelEn', v)}
          {...field('labelEn')}
        />
        <TextField
          label={t('indicators.key')}
          description={t('indicators.keyHint')}
          isRequired
          value={values.key}
          onChange={(v) => set_('key', v)}
          {...field('key')}
        />
        <EnumSelect
          label={t('indicators.type')}
          values={TYPES}
          labels="indicatorType"
          value={values.type}
          onChange={(v) => set_('type', v)}
          isRequired
          id={form.fieldId(path('type'))}
          error={form.fieldError(path('type'))}
        />
        <TextField
          label={optional(t('indicators.unit'))}
          value={values.unit}
          onChange={(v) => set_('unit', v)}
          {...field('unit')}
        />
        <Checkbox isSelected={values.required} onChange={(v) => set_('required', v)}>
          {t('indicators.required')}
        </Checkbox>
        <Button type="submit" variant="primary" isDisabled={state.fetching}>
          {t('indicators.addSubmit')}
        </Button>
      </form>
    </details>
  );
}
