import { type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { parseDate } from '@internationalized/date';
import { Button } from '@midas-ds/components/button';
import { Checkbox } from '@midas-ds/components/checkbox';
import { DatePicker } from '@midas-ds/components/date-picker';
import { TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Page } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { QueryState } from '../ui/QueryState.js';
import { useDraft } from '../ui/useDraft.js';
import { useOptional } from '../ui/optional.js';
import { useFormErrors } from '../ui/useFormErrors.js';

const CallOffQuery = graphql(`
  query CallOffForImplementation($agreementId: ID!) {
    frameworkAgreement(id: $agreementId) {
      id
      procurement {
        title
      }
      callOffs {
        id
        calledOffOn
        quantity
        organizationId
        productId
        product {
          name
        }
        supplier {
          name
        }
      }
    }
  }
`);

const Record = graphql(`
  mutation RecordImplementation($input: RecordImplementationInput!) {
    recordImplementation(input: $input) {
      id
    }
  }
`);

// IVO's supervision of welfare technology asks for each of these (IVO 2023, "Välfärdsteknik i hemtjänsten").
export const CHECKLIST = [
  'strategyOrPlan',
  'individualNeedsAssessment',
  'consentByPerson',
  'routines',
  'deviationRoutine',
  'staffTraining',
  'backupSupervision',
  'followUpRoutine',
] as const;
const SETTINGS = ['HOME_CARE', 'SPECIAL_HOUSING', 'HOME_HEALTH_CARE', 'DISABILITY_SUPPORT'] as const;
const GROUPS = ['offered', 'accepted', 'declined'] as const;
const SEXES = ['women', 'men', 'otherOrUnknown'] as const;
const FIELDS = ['callOffId', 'setting', 'goLiveOn', 'people', 'checklist', 'productId', 'responsibleUserId'] as const;

const initial = {
  setting: 'HOME_CARE',
  goLiveOn: '',
  ...Object.fromEntries(CHECKLIST.map((k) => [`check.${k}`, false])),
  ...Object.fromEntries(GROUPS.flatMap((g) => SEXES.map((s) => [`${g}.${s}`, '']))),
} as Record<string, string | boolean> & { setting: (typeof SETTINGS)[number]; goLiveOn: string };

export default function RecordImplementationPage() {
  const { t } = useLanguage();
  const { me } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const callOffId = params.get('avrop') ?? '';
  const agreementId = params.get('ramavtal') ?? '';
  const [{ data, fetching, error }] = useQuery({
    query: CallOffQuery,
    variables: { agreementId },
    pause: !agreementId,
  });
  const callOff = data?.frameworkAgreement.callOffs.find((c) => c.id === callOffId);
  const draft = useDraft(`implementation.${callOffId}`, initial);
  const { values, set } = draft;
  const optional = useOptional();
  const form = useFormErrors(FIELDS, {
    setting: { label: t('implementation.setting') },
    goLiveOn: { label: t('implementation.goLiveOn') },
    people: { label: t('implementation.people') },
  });
  const [state, record] = useMutation(Record);

  const count = (key: string) => {
    const raw = String(values[key] ?? '').trim();
    return raw === '' ? 0 : Number(raw);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const people = Object.fromEntries(
      GROUPS.map((g) => [g, Object.fromEntries(SEXES.map((s) => [s, count(`${g}.${s}`)]))]),
    ) as never;
    const checklist = Object.fromEntries(CHECKLIST.map((k) => [k, { done: values[`check.${k}`] === true }])) as never;
    const result = await record({
      input: {
        callOffId,
        productId: callOff!.productId,
        setting: values.setting,
        goLiveOn: values.goLiveOn || null,
        responsibleUserId: me!.id,
        people,
        checklist,
      },
    });
    if (form.show(result.error)) return;
    draft.clear();
    void navigate(`/inforanden/${result.data!.recordImplementation.id}`);
  };

  return (
    <Page title={t('implementation.recordTitle')}>
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {!callOff ? (
          <p>{t('implementation.noCallOff')}</p>
        ) : (
          <>
            <p>
              {t('implementation.fromCallOff', {
                product: callOff.product.name,
                supplier: callOff.supplier.name,
                quantity: callOff.quantity,
              })}
            </p>
            <ErrorSummary messages={form.summary} />
            <form onSubmit={submit} noValidate className="stack">
              <div className="stack narrow">
                <EnumSelect
                  label={t('implementation.setting')}
                  values={SETTINGS}
                  labels="setting"
                  value={values.setting}
                  onChange={(v) => set('setting', v)}
                  isRequired
                  id={form.fieldId('setting')}
                  error={form.fieldError('setting')}
                />
                <DatePicker
                  label={optional(t('implementation.goLiveOn'))}
                  description={t('implementation.goLiveHint')}
                  value={values.goLiveOn ? parseDate(values.goLiveOn) : null}
                  minValue={parseDate(callOff.calledOffOn)}
                  onChange={(v) => set('goLiveOn', v ? v.toString() : '')}
                  {...form.field('goLiveOn')}
                />
              </div>
              <fieldset className="card">
                <legend>{t('implementation.checklist')}</legend>
                <div className="stack">
                  {CHECKLIST.map((k) => (
                    <Checkbox key={k} isSelected={values[`check.${k}`] === true} onChange={(v) => set(`check.${k}`, v)}>
                      {t(`checklist.${k}` as MessageKey)}
                    </Checkbox>
                  ))}
                </div>
              </fieldset>
              <fieldset className="card">
                <legend>{optional(t('implementation.people'))}</legend>
                {form.fieldError('people') && <p className="field-error">{form.fieldError('people')}</p>}
                <div className="people-grid">
                  {GROUPS.map((g) => (
                    <fieldset key={g}>
                      <legend>{t(`people.${g}` as MessageKey)}</legend>
                      {SEXES.map((s) => (
                        <TextField
                          key={s}
                          label={t(`sex.${s}` as MessageKey)}
                          type="number"
                          inputMode="numeric"
                          value={String(values[`${g}.${s}`] ?? '')}
                          onChange={(v) => set(`${g}.${s}`, v)}
                        />
                      ))}
                    </fieldset>
                  ))}
                </div>
              </fieldset>
              <Button type="submit" variant="primary" isDisabled={state.fetching}>
                {t('implementation.submit')}
              </Button>
            </form>
          </>
        )}
      </QueryState>
    </Page>
  );
}
