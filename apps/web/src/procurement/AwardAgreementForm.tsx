import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { Checkbox, CheckboxGroup } from '@midas-ds/components/checkbox';
import { TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { DateInput } from '../ui/DateInput.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { ErrorSummary } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { SearchSelect } from '../ui/SearchSelect.js';
import { useDraft } from '../ui/useDraft.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';
import type { ApiError } from '../app/api-errors.js';
import { PROCUREMENT_CONTEXT } from './ProcurementsPage.js';

const AwardChoices = graphql(`
  query AwardChoices {
    suppliers {
      id
      name
    }
    organizations {
      id
      name
    }
  }
`);
const SupplierProducts = graphql(`
  query AwardSupplierProducts($supplierId: ID!, $category: String!) {
    products(supplierId: $supplierId, category: $category, first: 100) {
      nodes {
        id
        name
        model
      }
    }
  }
`);
const Award = graphql(`
  mutation AwardFrameworkAgreement($input: AwardFrameworkAgreementInput!) {
    awardFrameworkAgreement(input: $input) {
      id
    }
  }
`);

const METHODS = ['DIRECT_BY_RANKING', 'RENEWED_COMPETITION'] as const;

interface SupplierRow {
  supplierId: string;
  ranking: string;
  productIds: string[];
}

interface Lot {
  id: string;
  number: number;
  name: string;
}

interface Props {
  procurementId: string;
  category: string;
  lots: readonly Lot[];
  leadOrganizationId: string;
}

const emptyRow = (ranking: number): SupplierRow => ({ supplierId: '', ranking: String(ranking), productIds: [] });

/**
 * Node staff record the award that ends the tendering: validity, extension options, how call-offs are made, who
 * follows the contract up, and per lot the suppliers in ranking order with their awarded products.
 */
export function AwardAgreementForm({ procurementId, category, lots, leadOrganizationId }: Props) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const [choices] = useQuery({ query: AwardChoices });
  const draft = useDraft(`award.${procurementId}`, {
    startsOn: '',
    endsOn: '',
    callOffMethod: '',
    extensionMonths: [] as string[],
    followUpOrganizationId: leadOrganizationId,
    followUpContactName: '',
    followUpContactEmail: '',
    lots: Object.fromEntries(lots.map((lot) => [lot.id, [emptyRow(1)]])),
  });
  const { values, set } = draft;
  // The api names rows by their index in what was sent (lots and rows left empty are not sent).
  const [sent, setSent] = useState<{ lotIndex: Record<string, number>; rowIndex: Record<string, number[]> }>({
    lotIndex: {},
    rowIndex: {},
  });
  // Most specific first: the form's errors go to the first field whose name the api's field starts with.
  const maxRows = Math.max(1, ...Object.values(values.lots).map((rows) => rows.length));
  const rowFields = lots.flatMap((_, i) =>
    Array.from({ length: maxRows }, (_, j) =>
      ['supplierId', 'ranking', 'productIds'].map((name) => `lots.${i}.suppliers.${j}.${name}`),
    ).flat(),
  );
  const optional = useOptional();
  const form = useFormErrors(
    [
      ...rowFields,
      ...lots.map((_, i) => `lots.${i}.lotId`),
      ...values.extensionMonths.map((_, i) => `extensionOptions.${i}.months`),
      'procurementId',
      'startsOn',
      'endsOn',
      'callOffMethod',
      'followUpOrganizationId',
      'followUpContactName',
      'followUpContactEmail',
      'extensionOptions',
      'lots',
    ],
    {
      startsOn: { label: t('award.startsOn') },
      endsOn: { label: t('award.endsOn') },
      callOffMethod: {
        label: t('award.callOffMethod'),
        required: t('form.problem.choose', { label: t('award.callOffMethod') }),
      },
      followUpOrganizationId: {
        label: t('award.followUpOrganization'),
        required: t('form.problem.choose', { label: t('award.followUpOrganization') }),
      },
      followUpContactName: { label: t('award.contactName') },
      followUpContactEmail: { label: t('award.contactEmail') },
      ...Object.fromEntries(
        values.extensionMonths.map((_, i) => [
          `extensionOptions.${i}.months`,
          { label: t('award.extensionMonths', { number: i + 1 }) },
        ]),
      ),
    },
  );
  const [state, award] = useMutation(Award);
  const rowsOf = (lotId: string) => values.lots[lotId] ?? [];
  const setRows = (lotId: string, rows: SupplierRow[]) => set('lots', { ...values.lots, [lotId]: rows });
  const setRow = (lotId: string, index: number, change: Partial<SupplierRow>) =>
    setRows(
      lotId,
      rowsOf(lotId).map((row, j) => (j === index ? { ...row, ...change } : row)),
    );
  const rowError = (lotId: string, index: number, name: keyof SupplierRow) => {
    const i = sent.lotIndex[lotId];
    const j = sent.rowIndex[lotId]?.[index];
    return i === undefined || j === undefined ? undefined : form.fieldError(`lots.${i}.suppliers.${j}.${name}`);
  };
  const lotError = (lotId: string) => {
    const i = sent.lotIndex[lotId];
    return i === undefined ? undefined : form.fieldError(`lots.${i}.lotId`);
  };
  const extensionError = form.fieldError('extensionOptions');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The terms' required fields at once, as the api names them (AwardFrameworkAgreementInput); the lots' rules
    // (rankings, products per supplier) are the api's own and come back from it, each next to its field.
    const problems: ApiError[] = [];
    for (const date of ['startsOn', 'endsOn'] as const)
      if (!values[date]) problems.push(problem(`input.${date}`, 'isNotEmpty'));
    if (!values.callOffMethod) problems.push(problem('input.callOffMethod', 'isDefined'));
    if (!values.followUpOrganizationId) problems.push(problem('input.followUpOrganizationId', 'isDefined'));
    if (!values.followUpContactName.trim()) problems.push(problem('input.followUpContactName', 'isNotEmpty'));
    if (!values.followUpContactEmail.trim()) problems.push(problem('input.followUpContactEmail', 'isNotEmpty'));
    values.extensionMonths.forEach((months, i) => {
      if (!/^\d+$/.test(months.trim())) problems.push(problem(`input.extensionOptions.${i}.months`, 'isInt'));
    });
    if (problems.length) {
      form.show(problems);
      return;
    }
    const lotIndex: Record<string, number> = {};
    const rowIndex: Record<string, number[]> = {};
    const awarded = lots.flatMap((lot) => {
      const rows = rowsOf(lot.id);
      const chosen = rows.map((row, j) => ({ row, j })).filter(({ row }) => row.supplierId);
      if (!chosen.length) return [];
      lotIndex[lot.id] = Object.keys(lotIndex).length;
      rowIndex[lot.id] = [];
      chosen.forEach(({ j }, k) => (rowIndex[lot.id][j] = k));
      return [
        {
          lotId: lot.id,
          suppliers: chosen.map(({ row }) => ({
            supplierId: row.supplierId,
            ranking: Number(row.ranking),
            productIds: row.productIds,
          })),
        },
      ];
    });
    setSent({ lotIndex, rowIndex });
    const result = await award(
      {
        input: {
          procurementId,
          startsOn: values.startsOn,
          endsOn: values.endsOn,
          callOffMethod: values.callOffMethod as (typeof METHODS)[number],
          extensionOptions: values.extensionMonths.map((months) => ({ months: Number(months) })),
          followUpOrganizationId: values.followUpOrganizationId,
          followUpContactName: values.followUpContactName.trim(),
          followUpContactEmail: values.followUpContactEmail.trim(),
          lots: awarded,
        },
      },
      PROCUREMENT_CONTEXT,
    );
    if (form.show(result.error)) return;
    draft.clear();
    void navigate(`/ramavtal/${result.data!.awardFrameworkAgreement.id}`);
  };

  const suppliers = choices.data?.suppliers ?? [];
  const organizations = choices.data?.organizations ?? [];
  // Without suppliers and organisations to choose from the form is of no use yet.
  if (!choices.data)
    return (
      <QueryState fetching={choices.fetching} error={choices.error} hasData={false}>
        {null}
      </QueryState>
    );
  return (
    <section aria-labelledby="award-heading" className="card">
      <h2 id="award-heading">{t('award.title')}</h2>
      <p className="muted">{t('award.intro')}</p>
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack">
        <fieldset className="stack narrow">
          <legend>{t('award.terms')}</legend>
          <DateInput
            label={t('award.startsOn')}
            value={values.startsOn}
            onChange={(v) => set('startsOn', v)}
            isRequired
            id={form.fieldId('startsOn')}
            error={form.fieldError('startsOn')}
          />
          <DateInput
            label={t('award.endsOn')}
            value={values.endsOn}
            onChange={(v) => set('endsOn', v)}
            isRequired
            id={form.fieldId('endsOn')}
            error={form.fieldError('endsOn')}
          />
          <EnumSelect
            label={t('award.callOffMethod')}
            values={METHODS}
            labels="callOffMethod"
            value={values.callOffMethod}
            onChange={(v) => set('callOffMethod', v)}
            isRequired
            id={form.fieldId('callOffMethod')}
            error={form.fieldError('callOffMethod')}
          />
          <div className="stack" role="group" aria-labelledby="extension-heading">
            <h3 id="extension-heading">{optional(t('award.extensions'))}</h3>
            {!values.extensionMonths.length && <p className="muted">{t('award.noExtensions')}</p>}
            {extensionError && <p className="field-error">{extensionError}</p>}
            {values.extensionMonths.map((months, i) => (
              <div key={i} className="row">
                <TextField
                  label={t('award.extensionMonths', { number: i + 1 })}
                  inputMode="numeric"
                  isRequired
                  value={months}
                  onChange={(v) =>
                    set(
                      'extensionMonths',
                      values.extensionMonths.map((m, j) => (j === i ? v : m)),
                    )
                  }
                  {...form.field(`extensionOptions.${i}.months`)}
                />
                <Button
                  variant="tertiary"
                  onPress={() =>
                    set(
                      'extensionMonths',
                      values.extensionMonths.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('award.removeExtension', { number: i + 1 })}
                </Button>
              </div>
            ))}
            <Button variant="secondary" onPress={() => set('extensionMonths', [...values.extensionMonths, '12'])}>
              {t('award.addExtension')}
            </Button>
          </div>
        </fieldset>

        <fieldset className="stack narrow">
          <legend>{t('award.followUp')}</legend>
          <SearchSelect
            label={t('award.followUpOrganization')}
            items={organizations}
            value={values.followUpOrganizationId}
            onChange={(id) => set('followUpOrganizationId', id)}
            isRequired
            id={form.fieldId('followUpOrganizationId')}
            error={form.fieldError('followUpOrganizationId')}
          />
          <TextField
            label={t('award.contactName')}
            isRequired
            value={values.followUpContactName}
            onChange={(v) => set('followUpContactName', v)}
            {...form.field('followUpContactName')}
          />
          <TextField
            label={t('award.contactEmail')}
            type="email"
            isRequired
            value={values.followUpContactEmail}
            onChange={(v) => set('followUpContactEmail', v)}
            {...form.field('followUpContactEmail')}
          />
        </fieldset>

        {form.fieldError('lots') && <p className="field-error">{form.fieldError('lots')}</p>}
        {lots.map((lot) => (
          <fieldset key={lot.id} className="stack card">
            <legend>{t('procurement.lotShort', { number: lot.number, name: lot.name })}</legend>
            <p className="muted">{t('award.lotHint')}</p>
            {lotError(lot.id) && <p className="field-error">{lotError(lot.id)}</p>}
            {rowsOf(lot.id).map((row, j) => (
              <AwardedSupplierFields
                key={j}
                lot={lot}
                position={j + 1}
                row={row}
                category={category}
                suppliers={suppliers}
                onChange={(change) => setRow(lot.id, j, change)}
                onRemove={() =>
                  setRows(
                    lot.id,
                    rowsOf(lot.id).filter((_, k) => k !== j),
                  )
                }
                errorOf={(name) => rowError(lot.id, j, name)}
              />
            ))}
            <Button
              variant="secondary"
              onPress={() => setRows(lot.id, [...rowsOf(lot.id), emptyRow(rowsOf(lot.id).length + 1)])}
            >
              {t('award.addSupplier', { number: lot.number })}
            </Button>
          </fieldset>
        ))}
        <Button type="submit" variant="primary" isDisabled={state.fetching}>
          {t('award.submit')}
        </Button>
      </form>
    </section>
  );
}

interface RowProps {
  lot: Lot;
  position: number;
  row: SupplierRow;
  category: string;
  suppliers: readonly { id: string; name: string }[];
  onChange: (change: Partial<SupplierRow>) => void;
  onRemove: () => void;
  errorOf: (name: keyof SupplierRow) => string | undefined;
}

/** One awarded supplier of a lot: who, in which place, and which of its products in the category. */
function AwardedSupplierFields({ lot, position, row, category, suppliers, onChange, onRemove, errorOf }: RowProps) {
  const { t } = useLanguage();
  const [products] = useQuery({
    query: SupplierProducts,
    variables: { supplierId: row.supplierId, category },
    pause: !row.supplierId,
  });
  const nodes = products.data?.products.nodes ?? [];
  const productsError = errorOf('productIds');
  return (
    <div
      className="stack award-row"
      role="group"
      aria-label={t('award.supplierGroup', { number: lot.number, position })}
    >
      <div className="row">
        <SearchSelect
          label={t('award.supplier', { position })}
          items={suppliers}
          value={row.supplierId}
          onChange={(supplierId) => onChange({ supplierId, productIds: [] })}
          error={errorOf('supplierId')}
        />
        <TextField
          label={t('award.ranking', { position })}
          inputMode="numeric"
          value={row.ranking}
          onChange={(ranking) => onChange({ ranking })}
          isInvalid={!!errorOf('ranking')}
          errorMessage={errorOf('ranking')}
          validationBehavior="aria"
        />
      </div>
      {row.supplierId && (
        <CheckboxGroup
          label={t('award.products', { position })}
          description={products.fetching ? t('app.loading') : nodes.length ? undefined : t('award.noProducts')}
          value={row.productIds}
          onChange={(productIds) => onChange({ productIds })}
          isInvalid={!!productsError}
          errorMessage={productsError}
        >
          {nodes.map((product) => (
            <Checkbox key={product.id} value={product.id}>
              {product.model ? `${product.name} (${product.model})` : product.name}
            </Checkbox>
          ))}
        </CheckboxGroup>
      )}
      <Button variant="tertiary" onPress={onRemove}>
        {t('award.removeSupplier', { position })}
      </Button>
    </div>
  );
}
