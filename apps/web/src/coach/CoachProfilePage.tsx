import { type FormEvent, useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { Checkbox, CheckboxGroup } from '@midas-ds/components/checkbox';
import { TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { QueryState } from '../ui/QueryState.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';
import type { ApiError } from '../app/api-errors.js';
import { COACH_CONTEXT, MyCoachProfile } from './my-coach-profile.js';

const Categories = graphql(`
  query CoachCategories {
    technologyCategories {
      id
      key
      labelSv
      labelEn
    }
  }
`);

const Register = graphql(`
  mutation RegisterTechCoach($input: RegisterTechCoachInput!) {
    registerTechCoach(input: $input) {
      id
      unit
      setting
      active
      categories {
        id
        key
      }
    }
  }
`);

const Update = graphql(`
  mutation UpdateTechCoach($input: UpdateTechCoachInput!) {
    updateTechCoach(input: $input) {
      id
      unit
      setting
      active
      categories {
        id
        key
      }
    }
  }
`);

const SETTINGS = ['HOME_CARE', 'HOME_HEALTH_CARE', 'SPECIAL_HOUSING', 'DISABILITY_SUPPORT'] as const;
const FIELDS = ['unit', 'setting', 'categories', 'active'] as const;
type Setting = (typeof SETTINGS)[number];
/** RegisterTechCoachInput's limit for `unit`. */
const UNIT_MAX = 200;

/** Every problem the app can tell before sending, as the api names them (RegisterTechCoachInput). */
export function checkProfile(values: { unit: string; setting: Setting | '' }): ApiError[] {
  const found: ApiError[] = [];
  const unit = values.unit.trim();
  if (!unit) found.push(problem('input.unit', 'isNotEmpty'));
  else if (unit.length > UNIT_MAX) found.push(problem('input.unit', 'maxLength', UNIT_MAX));
  if (!values.setting) found.push(problem('input.setting', 'isDefined'));
  return found;
}

export default function CoachProfilePage() {
  const { t, lang } = useLanguage();
  const { me } = useSession();
  const [profiles] = useQuery({
    query: MyCoachProfile,
    variables: { organizationId: me!.organization.id },
    context: COACH_CONTEXT,
  });
  const [{ data: categories }] = useQuery({ query: Categories });
  const mine = profiles.data?.techCoaches.nodes.find((c) => c.userId === me?.id);
  const [values, setValues] = useState({
    unit: '',
    setting: '' as Setting | '',
    categories: [] as string[],
    active: true,
  });
  const [saved, setSaved] = useState(false);
  const optional = useOptional();
  const form = useFormErrors(FIELDS, {
    unit: { label: t('profile.unit') },
    setting: { label: t('profile.setting'), required: t('form.problem.choose', { label: t('profile.setting') }) },
    categories: { label: t('profile.categories') },
  });
  // A field's error goes once the user changes that field (the rest stay until the next attempt).
  const change = (patch: Partial<typeof values>) => {
    for (const name of Object.keys(patch)) form.clearField(name);
    setValues((v) => ({ ...v, ...patch }));
  };
  const [registerState, register] = useMutation(Register);
  const [updateState, update] = useMutation(Update);

  useEffect(() => {
    if (mine)
      setValues({
        unit: mine.unit,
        setting: mine.setting,
        categories: mine.categories.map((c) => c.key),
        active: mine.active,
      });
    // Filled once per loaded profile: a refetch of the same one must not overwrite what the user is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mine?.id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const problems = checkProfile(values);
    if (problems.length || !values.setting) {
      form.show(problems);
      return;
    }
    const result = mine
      ? await update({
          input: {
            coachId: mine.id,
            unit: values.unit,
            setting: values.setting,
            categories: values.categories,
            active: values.active,
          },
        })
      : await register({ input: { unit: values.unit, setting: values.setting, categories: values.categories } });
    if (form.show(result.error)) return;
    setSaved(true);
  };

  return (
    <Page title={t('profile.title')}>
      <QueryState fetching={profiles.fetching} error={profiles.error} hasData={!!profiles.data}>
        {!mine && <p>{t('profile.none')}</p>}
        {saved && <Notice>{t('app.saved')}</Notice>}
        <ErrorSummary messages={form.summary} />
        <form onSubmit={submit} noValidate className="stack narrow">
          <TextField
            label={t('profile.unit')}
            description={t('profile.unitHint')}
            isRequired
            value={values.unit}
            onChange={(unit) => change({ unit })}
            {...form.field('unit')}
          />
          <EnumSelect
            label={t('profile.setting')}
            values={SETTINGS}
            labels="setting"
            value={values.setting}
            onChange={(setting) => change({ setting })}
            isRequired
            id={form.fieldId('setting')}
            error={form.fieldError('setting')}
          />
          <CheckboxGroup
            label={optional(t('profile.categories'))}
            value={values.categories}
            onChange={(categories) => change({ categories })}
            id={form.fieldId('categories')}
            isInvalid={!!form.fieldError('categories')}
            errorMessage={form.fieldError('categories')}
          >
            {(categories?.technologyCategories ?? []).map((c) => (
              <Checkbox key={c.key} value={c.key}>
                {lang === 'en' ? c.labelEn : c.labelSv}
              </Checkbox>
            ))}
          </CheckboxGroup>
          {mine && (
            <Checkbox isSelected={values.active} onChange={(active) => change({ active })}>
              {t('profile.active')}
            </Checkbox>
          )}
          <Button type="submit" variant="primary" isDisabled={registerState.fetching || updateState.fetching}>
            {mine ? t('profile.save') : t('profile.create')}
          </Button>
        </form>
      </QueryState>
    </Page>
  );
}
