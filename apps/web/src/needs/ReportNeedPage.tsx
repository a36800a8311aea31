import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { Checkbox } from '@midas-ds/components/checkbox';
import { TextArea, TextField } from '@midas-ds/components/textfield';
import { Select } from '@midas-ds/components/select';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { StatusTag } from '../ui/StatusTag.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';
import type { ApiError } from '../app/api-errors.js';
import { useDebounced, useDraft } from '../ui/useDraft.js';

const Categories = graphql(`
  query NeedCategories {
    technologyCategories {
      id
      key
      labelSv
      labelEn
    }
  }
`);

const SimilarNeeds = graphql(`
  query SimilarNeeds($title: String!, $description: String) {
    similarNeeds(title: $title, description: $description, first: 5) {
      score
      need {
        id
        title
        status
        endorsementCount
        endorsedByMyOrganization
        organizationId
        organization {
          id
          name
        }
      }
    }
  }
`);

const ReportNeed = graphql(`
  mutation ReportNeed($input: ReportNeedInput!) {
    reportNeed(input: $input) {
      id
      title
      status
    }
  }
`);

const EndorseNeed = graphql(`
  mutation EndorseNeed($input: EndorseNeedInput!) {
    endorseNeed(input: $input) {
      id
      title
      endorsementCount
      endorsedByMyOrganization
    }
  }
`);

const TARGET_GROUPS = [
  'CARE_RECIPIENTS_ORDINARY_HOUSING',
  'CARE_RECIPIENTS_SPECIAL_HOUSING',
  'RELATIVES',
  'STAFF',
] as const;
const SETTINGS = ['HOME_CARE', 'HOME_HEALTH_CARE', 'SPECIAL_HOUSING', 'DISABILITY_SUPPORT'] as const;
const SOURCES = ['STAFF', 'CARE_RECIPIENT', 'RELATIVE', 'MANAGEMENT', 'PENSIONERS_COUNCIL'] as const;
const URGENCIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
const FIELDS = [
  'title',
  'description',
  'targetGroup',
  'setting',
  'source',
  'category',
  'urgency',
  'estimatedPeopleAffected',
  'hardToReach',
] as const;

/** The api's limits (ReportNeedInput), checked before sending so every problem shows on the first try. */
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 10_000;
const PEOPLE_MAX = 1_000_000;

/** Every problem of the form at once, worded like the api's own errors for the same fields. */
export function checkReport(values: typeof EMPTY): ApiError[] {
  const found: ApiError[] = [];
  const title = values.title.trim();
  if (!title) found.push(problem('input.title', 'isNotEmpty'));
  else if (title.length > TITLE_MAX) found.push(problem('input.title', 'maxLength', TITLE_MAX));
  const description = values.description.trim();
  if (!description) found.push(problem('input.description', 'isNotEmpty'));
  else if (description.length > DESCRIPTION_MAX) found.push(problem('input.description', 'maxLength', DESCRIPTION_MAX));
  for (const choice of ['targetGroup', 'setting', 'source'] as const)
    if (!values[choice]) found.push(problem(`input.${choice}`, 'isDefined'));
  const people = values.estimatedPeopleAffected.trim();
  if (people) {
    const count = Number(people);
    if (!/^\d+$/.test(people) || !Number.isSafeInteger(count))
      found.push(problem('input.estimatedPeopleAffected', 'isInt'));
    else if (count > PEOPLE_MAX) found.push(problem('input.estimatedPeopleAffected', 'max', PEOPLE_MAX));
  }
  return found;
}

const EMPTY = {
  title: '',
  description: '',
  targetGroup: '' as (typeof TARGET_GROUPS)[number] | '',
  setting: '' as (typeof SETTINGS)[number] | '',
  source: 'STAFF' as (typeof SOURCES)[number] | '',
  category: '',
  urgency: 'MEDIUM' as (typeof URGENCIES)[number] | '',
  estimatedPeopleAffected: '',
  hardToReach: false,
};

/** A tech coach reports a need from the phone; needs like it show up while typing, to endorse instead. */
export default function ReportNeedPage() {
  const { t, lang } = useLanguage();
  const { me } = useSession();
  const navigate = useNavigate();
  const draft = useDraft('reportNeed', EMPTY);
  const optional = useOptional();
  const form = useFormErrors(FIELDS, {
    title: { label: t('report.field.title'), required: t('report.problem.title') },
    description: { label: t('report.field.description'), required: t('report.problem.description') },
    targetGroup: { label: t('report.field.targetGroup'), required: t('report.problem.targetGroup') },
    setting: { label: t('report.field.setting'), required: t('report.problem.setting') },
    source: { label: t('report.field.source'), required: t('report.problem.source') },
    category: { label: t('report.field.category') },
    urgency: { label: t('report.field.urgency') },
    estimatedPeopleAffected: { label: t('report.field.people'), invalid: t('report.problem.people') },
  });
  const { values } = draft;
  // A field's error goes once the user changes that field (the rest stay until the next attempt).
  const set: typeof draft.set = (name, value) => {
    form.clearField(String(name));
    draft.set(name, value);
  };
  const [endorsedTitle, setEndorsedTitle] = useState<string | null>(null);
  const [{ data: categories }] = useQuery({ query: Categories });
  const title = useDebounced(values.title.trim(), 350);
  const description = useDebounced(values.description.trim(), 350);
  const [similar] = useQuery({
    query: SimilarNeeds,
    variables: { title, description: description || null },
    pause: title.length < 4,
  });
  const [reportState, report] = useMutation(ReportNeed);
  const [endorseState, endorse] = useMutation(EndorseNeed);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkReport(values);
    if (problems.length) {
      form.show(problems);
      return;
    }
    const people = values.estimatedPeopleAffected.trim();
    const result = await report({
      input: {
        title: values.title,
        description: values.description,
        targetGroup: values.targetGroup as (typeof TARGET_GROUPS)[number],
        setting: values.setting as (typeof SETTINGS)[number],
        source: values.source as (typeof SOURCES)[number],
        category: values.category || null,
        urgency: values.urgency || 'MEDIUM',
        hardToReach: values.hardToReach,
        estimatedPeopleAffected: people ? Number(people) : null,
      },
    });
    if (form.show(result.error)) return;
    draft.clear();
    void navigate(`/behov/${result.data!.reportNeed.id}`, { state: { notice: t('report.sent') } });
  };

  const endorseNeed = async (needId: string, needTitle: string) => {
    const people = values.estimatedPeopleAffected.trim();
    const result = await endorse({
      input: { needId, peopleAffected: people ? Number(people) : null, comment: values.description.trim() || null },
    });
    if (form.show(result.error)) return;
    setEndorsedTitle(needTitle);
    draft.clear();
  };

  const matches = title.length >= 4 ? (similar.data?.similarNeeds ?? []) : [];
  return (
    <Page title={t('report.title')}>
      <p>{t('report.intro')}</p>
      {endorsedTitle && (
        <Notice>
          {t('report.similar.done', { title: endorsedTitle })} <Link to="/behov/mina">{t('nav.myNeeds')}</Link>
        </Notice>
      )}
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack report-form">
        <TextField
          label={t('report.field.title')}
          description={t('report.field.titleHint')}
          isRequired
          maxLength={200}
          value={values.title}
          onChange={(v) => set('title', v)}
          {...form.field('title')}
        />
        <TextArea
          label={t('report.field.description')}
          description={t('report.field.descriptionHint')}
          isRequired
          value={values.description}
          onChange={(v) => set('description', v)}
          {...form.field('description')}
        />

        <section aria-labelledby="similar-heading" className="similar" aria-live="polite" aria-busy={similar.fetching}>
          <h2 id="similar-heading">{t('report.similar.title')}</h2>
          {title.length < 4 ? (
            <p className="muted">{t('report.similar.intro')}</p>
          ) : matches.length === 0 ? (
            <p className="muted">{similar.fetching ? t('app.loading') : t('report.similar.none')}</p>
          ) : (
            <>
              <p className="muted">{t('report.similar.intro')}</p>
              <ul className="plain-list">
                {matches.map(({ need }) => {
                  const own = need.organizationId === me?.organization.id;
                  return (
                    <li key={need.id}>
                      <Link to={`/behov/${need.id}`}>{need.title}</Link> <StatusTag status={need.status} />
                      <div className="muted">
                        {need.organization.name}
                        {need.endorsementCount > 0 &&
                          ` · ${t('report.similar.sharedBy', { count: need.endorsementCount })}`}
                      </div>
                      {own ? (
                        <p className="muted">{t('report.similar.own')}</p>
                      ) : need.endorsedByMyOrganization ? (
                        <p className="muted">{t('report.similar.endorsed')}</p>
                      ) : (
                        <Button
                          variant="secondary"
                          onPress={() => endorseNeed(need.id, need.title)}
                          isDisabled={endorseState.fetching}
                          aria-label={`${t('report.similar.endorse')}: ${need.title}`}
                        >
                          {t('report.similar.endorse')}
                        </Button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </section>

        <EnumSelect
          label={t('report.field.targetGroup')}
          values={TARGET_GROUPS}
          labels="targetGroup"
          value={values.targetGroup}
          onChange={(v) => set('targetGroup', v)}
          isRequired
          id={form.fieldId('targetGroup')}
          error={form.fieldError('targetGroup')}
        />
        <EnumSelect
          label={t('report.field.setting')}
          values={SETTINGS}
          labels="setting"
          value={values.setting}
          onChange={(v) => set('setting', v)}
          isRequired
          id={form.fieldId('setting')}
          error={form.fieldError('setting')}
        />
        <EnumSelect
          label={t('report.field.source')}
          values={SOURCES}
          labels="source"
          value={values.source}
          onChange={(v) => set('source', v)}
          isRequired
          id={form.fieldId('source')}
          error={form.fieldError('source')}
        />
        <EnumSelect
          label={optional(t('report.field.urgency'))}
          values={URGENCIES}
          labels="urgency"
          value={values.urgency}
          onChange={(v) => set('urgency', v)}
          id={form.fieldId('urgency')}
          error={form.fieldError('urgency')}
        />
        <Select
          label={optional(t('report.field.category'))}
          placeholder={t('app.choose')}
          items={(categories?.technologyCategories ?? []).map((c) => ({
            id: c.key,
            name: lang === 'en' ? c.labelEn : c.labelSv,
          }))}
          selectedKey={values.category || null}
          onSelectionChange={(key) => set('category', key === null ? '' : String(key))}
          {...form.field('category')}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
        <TextField
          label={optional(t('report.field.people'))}
          description={t('report.field.peopleHint')}
          inputMode="numeric"
          value={values.estimatedPeopleAffected}
          onChange={(v) => set('estimatedPeopleAffected', v)}
          {...form.field('estimatedPeopleAffected')}
        />
        <Checkbox isSelected={values.hardToReach} onChange={(v) => set('hardToReach', v)}>
          {t('report.field.hardToReach')}
        </Checkbox>
        <p className="muted">{t('report.draftKept')}</p>
        <Button type="submit" variant="primary" isDisabled={reportState.fetching}>
          {t('report.submit')}
        </Button>
      </form>
    </Page>
  );
}
