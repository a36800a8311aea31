import { type FormEvent } from 'react';
import { useQuery } from 'urql';
import { parseDate } from '@internationalized/date';
import { Button } from '@midas-ds/components/button';
import { Checkbox, CheckboxGroup } from '@midas-ds/components/checkbox';
import { DatePicker } from '@midas-ds/components/date-picker';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { Select } from '@midas-ds/components/select';
import { TextArea, TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import type { ApiError } from '../app/api-errors.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { useDraft } from '../ui/useDraft.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';

const PlanOptions = graphql(`
  query ProtocolPlanOptions($category: String, $withCategory: Boolean!) {
    technologyCategories {
      key
      labelSv
      labelEn
    }
    organizations {
      id
      name
      kind
    }
    products(category: $category, first: 100) @include(if: $withCategory) {
      nodes {
        id
        name
        supplier {
          name
        }
      }
    }
    needs(category: $category, statuses: [NEW, TRIAGED, IN_TEST], first: 100) @include(if: $withCategory) {
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

export const SETTINGS = ['HOME_CARE', 'SPECIAL_HOUSING', 'HOME_HEALTH_CARE', 'DISABILITY_SUPPORT'] as const;
// RELATIVE and GUARDIAN are offered so that the api's reason (S2:230) reaches whoever believes a relative may consent.
const CONSENT = [
  'PERSON_THEMSELF',
  'PERSON_WITH_SUPPORT',
  'NOT_APPLICABLE_NO_PERSONAL_DATA',
  'RELATIVE',
  'GUARDIAN',
] as const;
type Consent = (typeof CONSENT)[number];
type Setting = (typeof SETTINGS)[number];

const FIELDS = [
  'title',
  'category',
  'productId',
  'needIds',
  'leadOrganizationId',
  'participatingOrganizationIds',
  'settings',
  'purpose',
  'expectedBenefit',
  'baseline',
  'successCriteria',
  'plannedStart',
  'plannedEnd',
  'broadRolloutIntended',
  'consentApproach',
  'consentDescription',
  'informationSecurity',
  'workEnvironment',
  'involvement',
  'risks',
  'documents',
] as const;

export interface CriterionValues {
  id: string;
  name: string;
  targetValue: string;
  unit: string;
  description: string;
}
export interface DocumentValues {
  title: string;
  url: string;
}

export const EMPTY_PLAN = {
  title: '',
  category: '',
  productId: '',
  needIds: [] as string[],
  leadOrganizationId: '',
  participatingOrganizationIds: [] as string[],
  settings: [] as string[],
  purpose: '',
  expectedBenefit: '',
  baseline: '',
  successCriteria: [{ id: '', name: '', targetValue: '', unit: '', description: '' }] as CriterionValues[],
  plannedStart: '',
  plannedEnd: '',
  broadRolloutIntended: false,
  consentApproach: '' as Consent | '',
  consentDescription: '',
  informationSecurity: '',
  workEnvironment: '',
  involvement: '',
  risks: '',
  documents: [] as DocumentValues[],
};
export type PlanValues = typeof EMPTY_PLAN;

/** What the api's create and update inputs take from the form; empty optional texts are sent as null. */
export function toPlanInput(values: PlanValues) {
  const text = (v: string) => (v.trim() ? v.trim() : null);
  return {
    title: values.title.trim(),
    category: values.category,
    productId: values.productId || null,
    needIds: values.needIds,
    leadOrganizationId: values.leadOrganizationId || null,
    participatingOrganizationIds: values.participatingOrganizationIds.filter((id) => id !== values.leadOrganizationId),
    settings: values.settings as Setting[],
    purpose: values.purpose.trim(),
    expectedBenefit: text(values.expectedBenefit),
    baseline: text(values.baseline),
    successCriteria: values.successCriteria
      .filter((c) => c.name.trim() || c.targetValue.trim() || c.unit.trim())
      .map((c) => ({
        ...(c.id ? { id: c.id } : {}),
        name: c.name.trim(),
        targetValue: Number(c.targetValue.replace(',', '.')),
        unit: c.unit.trim(),
        description: text(c.description),
      })),
    plannedStart: values.plannedStart || null,
    plannedEnd: values.plannedEnd || null,
    broadRolloutIntended: values.broadRolloutIntended,
    consentApproach: values.consentApproach as Consent,
    consentDescription: text(values.consentDescription),
    informationSecurity: text(values.informationSecurity),
    workEnvironment: text(values.workEnvironment),
    involvement: text(values.involvement),
    risks: text(values.risks),
    documents: values.documents
      .filter((d) => d.title.trim() || d.url.trim())
      .map((d) => ({ title: d.title.trim(), url: d.url.trim() })),
  };
}

interface Props {
  draftKey: string;
  initial: PlanValues;
  submitLabel: string;
  busy: boolean;
  /** Sends the plan; answers the api's errors (none when it was accepted). */
  onSubmit: (values: PlanValues) => Promise<readonly ApiError[] | import('urql').CombinedError | undefined>;
  /** Already-linked needs, shown even when they no longer match the open needs of the area. */
  linkedNeeds?: readonly { id: string; title: string }[];
}

/** The plan of a test protocol: what, why, how it is measured, consent, security, work environment, risks. */
export function ProtocolPlanForm({ draftKey, initial, submitLabel, busy, onSubmit, linkedNeeds = [] }: Props) {
  const { t, lang } = useLanguage();
  const { me, hasRole } = useSession();
  const nodeStaff = hasRole('NODE_STAFF', 'NODE_ADMIN');
  const draft = useDraft(draftKey, initial);
  const { values } = draft;
  /** GOV.UK: the required fields are most of what matters, so the optional ones say so. */
  const optional = useOptional();
  const form = useFormErrors(FIELDS, {
    title: { label: t('protocolForm.title') },
    category: {
      label: t('protocolForm.category'),
      required: t('form.problem.choose', { label: t('protocolForm.category') }),
    },
    purpose: { label: t('protocolForm.purpose') },
    consentApproach: {
      label: t('protocolForm.consent'),
      required: t('form.problem.choose', { label: t('protocolForm.consent') }),
    },
  });
  const set: typeof draft.set = (name, value) => {
    form.clearField(String(name));
    draft.set(name, value);
  };
  const [{ data }] = useQuery({
    query: PlanOptions,
    variables: { category: values.category || null, withCategory: !!values.category },
  });
  const label = (c: { labelSv: string; labelEn: string }) => (lang === 'sv' ? c.labelSv : c.labelEn);
  const organizations = (data?.organizations ?? []).filter(
    (o) => o.kind === 'MUNICIPALITY' || o.kind === 'REGION' || o.kind === 'NODE',
  );
  const lead = values.leadOrganizationId || me?.organization.id;
  const openNeeds = data?.needs?.nodes ?? [];
  const needs = [
    ...linkedNeeds
      .filter((n) => !openNeeds.some((o) => o.id === n.id))
      .map((n) => ({ id: n.id, title: n.title, organization: null })),
    ...openNeeds,
  ];

  const setCriterion = (index: number, patch: Partial<CriterionValues>) =>
    set(
      'successCriteria',
      values.successCriteria.map((c, i) => (i === index ? { ...c, ...patch } : c)),
    );
  const setDocument = (index: number, patch: Partial<DocumentValues>) =>
    set(
      'documents',
      values.documents.map((d, i) => (i === index ? { ...d, ...patch } : d)),
    );

  /** What GraphQL itself would refuse (required enums, numbers) is said next to the field before anything is sent. */
  function checkLocally(): ApiError[] {
    const errors: ApiError[] = [];
    // Every required field at once, as the api names them (CreateTestProtocolInput).
    if (!values.title.trim()) errors.push(problem('input.title', 'isNotEmpty'));
    if (!values.category) errors.push(problem('input.category', 'isDefined'));
    if (!values.purpose.trim()) errors.push(problem('input.purpose', 'isNotEmpty'));
    if (!values.consentApproach) errors.push(problem('input.consentApproach', 'isDefined'));
    values.successCriteria.forEach((c, i) => {
      const filled = c.name.trim() || c.unit.trim() || c.targetValue.trim();
      if (filled && (!c.targetValue.trim() || !Number.isFinite(Number(c.targetValue.replace(',', '.'))))) {
        errors.push({ field: 'input.successCriteria', message: t('protocolForm.criterionNumber', { number: i + 1 }) });
      }
    });
    return errors;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = checkLocally();
    if (local.length) {
      form.show(local);
      return;
    }
    const failure = await onSubmit(values);
    if (form.show(failure)) return;
    draft.clear();
  };

  const field = (name: (typeof FIELDS)[number]) => ({
    isInvalid: !!form.fieldError(name),
    errorMessage: form.fieldError(name),
    validationBehavior: 'aria' as const,
  });

  return (
    <>
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack protocol-form">
        <fieldset className="card">
          <legend>{t('protocolForm.basics')}</legend>
          <div className="stack">
            <TextField
              label={t('protocolForm.title')}
              isRequired
              maxLength={200}
              value={values.title}
              onChange={(v) => set('title', v)}
              {...field('title')}
            />
            <Select
              label={t('protocolForm.category')}
              placeholder={t('app.choose')}
              isRequired
              items={(data?.technologyCategories ?? []).map((c) => ({ id: c.key, name: label(c) }))}
              selectedKey={values.category || null}
              onSelectionChange={(key) => key !== null && set('category', String(key))}
              {...field('category')}
            >
              {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
            </Select>
            {values.category && (
              <Select
                label={optional(t('protocolForm.product'))}
                description={t('protocolForm.productHint')}
                items={[
                  { id: 'none', name: t('protocolForm.noProduct') },
                  ...(data?.products?.nodes ?? []).map((p) => ({ id: p.id, name: `${p.name} (${p.supplier.name})` })),
                ]}
                selectedKey={values.productId || 'none'}
                onSelectionChange={(key) => set('productId', key === null || key === 'none' ? '' : String(key))}
                {...field('productId')}
              >
                {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
              </Select>
            )}
            {values.category &&
              (needs.length ? (
                <CheckboxGroup
                  label={optional(t('protocolForm.needs'))}
                  description={t('protocolForm.needsHint')}
                  value={values.needIds}
                  onChange={(v) => set('needIds', v)}
                  id={form.fieldId('needIds')}
                  isInvalid={!!form.fieldError('needIds')}
                  errorMessage={form.fieldError('needIds')}
                >
                  {needs.map((n) => (
                    <Checkbox key={n.id} value={n.id}>
                      {n.title}
                      {n.organization && <span className="muted"> – {n.organization.name}</span>}
                    </Checkbox>
                  ))}
                </CheckboxGroup>
              ) : (
                <p className="muted">{t('protocolForm.noNeeds')}</p>
              ))}
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>{t('protocolForm.organizations')}</legend>
          <div className="stack">
            {nodeStaff ? (
              <Select
                label={t('protocolForm.lead')}
                isRequired
                items={organizations.map((o) => ({ id: o.id, name: o.name }))}
                selectedKey={lead ?? null}
                onSelectionChange={(key) => key !== null && set('leadOrganizationId', String(key))}
                {...field('leadOrganizationId')}
              >
                {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
              </Select>
            ) : (
              <p>
                {t('protocolForm.leadIsOwn', {
                  organization: organizations.find((o) => o.id === lead)?.name ?? me?.organization.name ?? '',
                })}
              </p>
            )}
            <CheckboxGroup
              label={optional(t('protocolForm.participants'))}
              value={values.participatingOrganizationIds}
              onChange={(v) => set('participatingOrganizationIds', v)}
              id={form.fieldId('participatingOrganizationIds')}
              isInvalid={!!form.fieldError('participatingOrganizationIds')}
              errorMessage={form.fieldError('participatingOrganizationIds')}
            >
              <div className="checkbox-columns">
                {organizations
                  .filter((o) => o.id !== lead && o.kind !== 'NODE')
                  .map((o) => (
                    <Checkbox key={o.id} value={o.id}>
                      {o.name}
                    </Checkbox>
                  ))}
              </div>
            </CheckboxGroup>
            <CheckboxGroup
              label={optional(t('protocolForm.settings'))}
              value={values.settings}
              onChange={(v) => set('settings', v)}
              id={form.fieldId('settings')}
              isInvalid={!!form.fieldError('settings')}
              errorMessage={form.fieldError('settings')}
            >
              {SETTINGS.map((s) => (
                <Checkbox key={s} value={s}>
                  {t(`setting.${s}` as MessageKey)}
                </Checkbox>
              ))}
            </CheckboxGroup>
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>{t('protocolForm.why')}</legend>
          <div className="stack">
            <TextArea
              label={t('protocolForm.purpose')}
              isRequired
              value={values.purpose}
              onChange={(v) => set('purpose', v)}
              {...field('purpose')}
            />
            <TextArea
              label={optional(t('protocolForm.expectedBenefit'))}
              value={values.expectedBenefit}
              onChange={(v) => set('expectedBenefit', v)}
              {...field('expectedBenefit')}
            />
            <TextArea
              label={optional(t('protocolForm.baseline'))}
              description={t('protocolForm.baselineHint')}
              value={values.baseline}
              onChange={(v) => set('baseline', v)}
              {...field('baseline')}
            />
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>{t('protocolForm.criteria')}</legend>
          <p className="muted">
            {t('protocolForm.criteriaHint')} {t('protocolForm.criterionUnitHint')}
          </p>
          {form.fieldError('successCriteria') && <p className="field-error">{form.fieldError('successCriteria')}</p>}
          {values.successCriteria.map((c, i) => (
            <fieldset key={i} className="criterion">
              <legend>{t('protocolForm.criterion', { number: i + 1 })}</legend>
              <div className="criterion-grid">
                <TextField
                  label={t('protocolForm.criterionName')}
                  value={c.name}
                  onChange={(v) => setCriterion(i, { name: v })}
                />
                <TextField
                  label={t('protocolForm.criterionTarget')}
                  inputMode="decimal"
                  value={c.targetValue}
                  onChange={(v) => setCriterion(i, { targetValue: v })}
                />
                <TextField
                  label={t('protocolForm.criterionUnit')}
                  value={c.unit}
                  onChange={(v) => setCriterion(i, { unit: v })}
                />
              </div>
              <TextField
                label={optional(t('protocolForm.criterionDescription'))}
                value={c.description}
                onChange={(v) => setCriterion(i, { description: v })}
              />
              <Button
                variant="tertiary"
                onPress={() =>
                  set(
                    'successCriteria',
                    values.successCriteria.filter((_, j) => j !== i),
                  )
                }
              >
                {t('protocolForm.removeCriterion', { number: i + 1 })}
              </Button>
            </fieldset>
          ))}
          <Button
            variant="secondary"
            onPress={() =>
              set('successCriteria', [
                ...values.successCriteria,
                { id: '', name: '', targetValue: '', unit: '', description: '' },
              ])
            }
          >
            {t('protocolForm.addCriterion')}
          </Button>
        </fieldset>

        <fieldset className="card">
          <legend>{t('protocolForm.period')}</legend>
          <div className="stack narrow">
            <DatePicker
              label={optional(t('protocolForm.plannedStart'))}
              value={values.plannedStart ? parseDate(values.plannedStart) : null}
              onChange={(v) => set('plannedStart', v ? v.toString() : '')}
              {...field('plannedStart')}
            />
            <DatePicker
              label={optional(t('protocolForm.plannedEnd'))}
              value={values.plannedEnd ? parseDate(values.plannedEnd) : null}
              onChange={(v) => set('plannedEnd', v ? v.toString() : '')}
              {...field('plannedEnd')}
            />
          </div>
          <Checkbox
            isSelected={values.broadRolloutIntended}
            onChange={(v) => set('broadRolloutIntended', v)}
            description={t('protocolForm.broadRolloutHint')}
          >
            {t('protocolForm.broadRollout')}
          </Checkbox>
        </fieldset>

        <fieldset className="card">
          <legend>{t('protocolForm.ethics')}</legend>
          <div className="stack">
            <EnumSelect
              label={t('protocolForm.consent')}
              description={t('protocolForm.consentHint')}
              values={CONSENT}
              labels="protocolConsent"
              value={values.consentApproach}
              onChange={(v) => set('consentApproach', v)}
              isRequired
              id={form.fieldId('consentApproach')}
              error={form.fieldError('consentApproach')}
            />
            <TextArea
              label={optional(t('protocolForm.consentDescription'))}
              value={values.consentDescription}
              onChange={(v) => set('consentDescription', v)}
              {...field('consentDescription')}
            />
            <TextArea
              label={optional(t('protocolForm.informationSecurity'))}
              value={values.informationSecurity}
              onChange={(v) => set('informationSecurity', v)}
              {...field('informationSecurity')}
            />
            <TextArea
              label={optional(t('protocolForm.workEnvironment'))}
              value={values.workEnvironment}
              onChange={(v) => set('workEnvironment', v)}
              {...field('workEnvironment')}
            />
            <TextArea
              label={optional(t('protocolForm.involvement'))}
              value={values.involvement}
              onChange={(v) => set('involvement', v)}
              {...field('involvement')}
            />
            <TextArea
              label={optional(t('protocolForm.risks'))}
              value={values.risks}
              onChange={(v) => set('risks', v)}
              {...field('risks')}
            />
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>{t('protocolForm.documents')}</legend>
          <p className="muted">{t('protocolForm.documentsHint')}</p>
          {form.fieldError('documents') && <p className="field-error">{form.fieldError('documents')}</p>}
          {values.documents.map((d, i) => (
            <div key={i} className="criterion-grid">
              <TextField
                label={t('protocolForm.documentTitle')}
                value={d.title}
                onChange={(v) => setDocument(i, { title: v })}
              />
              <TextField
                label={t('protocolForm.documentUrl')}
                type="url"
                value={d.url}
                onChange={(v) => setDocument(i, { url: v })}
              />
              <Button
                variant="tertiary"
                onPress={() =>
                  set(
                    'documents',
                    values.documents.filter((_, j) => j !== i),
                  )
                }
              >
                {t('protocolForm.removeDocument', { number: i + 1 })}
              </Button>
            </div>
          ))}
          <Button variant="secondary" onPress={() => set('documents', [...values.documents, { title: '', url: '' }])}>
            {t('protocolForm.addDocument')}
          </Button>
        </fieldset>

        <p className="muted">{t('protocolForm.draftKept')}</p>
        <Button type="submit" variant="primary" isDisabled={busy}>
          {submitLabel}
        </Button>
      </form>
    </>
  );
}
