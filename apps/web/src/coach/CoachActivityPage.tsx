import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { parseDate, type CalendarDate } from '@internationalized/date';
import { Button } from '@midas-ds/components/button';
import { DatePicker } from '@midas-ds/components/date-picker';
import { TextArea, TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDate, formatNumber, todayInSweden } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { QueryState } from '../ui/QueryState.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';
import type { ApiError } from '../app/api-errors.js';
import { useDraft } from '../ui/useDraft.js';
import { COACH_CONTEXT, MyCoachProfile } from './my-coach-profile.js';

const RecordActivity = graphql(`
  mutation RecordCoachActivity($input: RecordCoachActivityInput!) {
    recordCoachActivity(input: $input) {
      id
      kind
      occurredOn
      staffReached
    }
  }
`);

const KINDS = ['TRAINING', 'DEMO', 'OBSERVATION'] as const;
const FIELDS = ['kind', 'occurredOn', 'staffReached', 'note', 'coachId'] as const;
/** RecordCoachActivityInput's bounds for `staffReached`. */
const STAFF_MAX = 10_000;

type ActivityValues = {
  kind: (typeof KINDS)[number] | '';
  occurredOn: string;
  staffReached: string;
  note: string;
};

/** Every problem the app can tell before sending, as the api names them (RecordCoachActivityInput). */
export function checkActivity(values: ActivityValues): ApiError[] {
  const found: ApiError[] = [];
  if (!values.kind) found.push(problem('input.kind', 'isDefined'));
  if (!values.occurredOn) found.push(problem('input.occurredOn', 'isDefined'));
  const staff = values.staffReached.trim();
  if (!staff) found.push(problem('input.staffReached', 'isDefined'));
  else if (!/^\d+$/.test(staff)) found.push(problem('input.staffReached', 'isInt'));
  else if (Number(staff) > STAFF_MAX) found.push(problem('input.staffReached', 'max', STAFF_MAX));
  return found;
}

export default function CoachActivityPage() {
  const { t, lang } = useLanguage();
  const { me } = useSession();
  const today = todayInSweden();
  // No kind is chosen for the coach: a guessed default would be saved unnoticed.
  const draft = useDraft<ActivityValues>('coachActivity', {
    kind: '',
    occurredOn: today,
    staffReached: '',
    note: '',
  });
  const { values } = draft;
  const optional = useOptional();
  const form = useFormErrors(FIELDS, {
    kind: { label: t('activity.kind'), required: t('form.problem.choose', { label: t('activity.kind') }) },
    occurredOn: { label: t('activity.date') },
    staffReached: { label: t('activity.staffReached') },
    note: { label: t('activity.note') },
  });
  // A field's error goes once the user changes that field (the rest stay until the next attempt).
  const set: typeof draft.set = (name, value) => {
    form.clearField(String(name));
    draft.set(name, value);
  };
  const [saved, setSaved] = useState(false);
  const [profiles] = useQuery({
    query: MyCoachProfile,
    variables: { organizationId: me!.organization.id },
    context: COACH_CONTEXT,
  });
  const [state, record] = useMutation(RecordActivity);
  const mine = profiles.data?.techCoaches.nodes.find((c) => c.userId === me?.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const problems = checkActivity(values);
    if (problems.length) {
      form.show(problems);
      return;
    }
    const result = await record({
      input: {
        kind: values.kind as (typeof KINDS)[number],
        occurredOn: values.occurredOn,
        staffReached: Number(values.staffReached.trim()),
        note: values.note.trim() || null,
      },
    });
    if (form.show(result.error)) return;
    draft.clear();
    setSaved(true);
  };

  let date: CalendarDate | null;
  try {
    date = values.occurredOn ? parseDate(values.occurredOn) : null;
  } catch {
    date = null;
  }

  return (
    <Page title={t('activity.title')}>
      <QueryState fetching={profiles.fetching} error={profiles.error} hasData={!!profiles.data}>
        {!mine ? (
          <p>
            {t('activity.noProfile')} <Link to="/coach/profil">{t('profile.create')}</Link>
          </p>
        ) : (
          <>
            {saved && <Notice>{t('activity.saved')}</Notice>}
            <ErrorSummary messages={form.summary} />
            <form onSubmit={submit} noValidate className="stack narrow">
              <EnumSelect
                label={t('activity.kind')}
                values={KINDS}
                labels="activityKind"
                value={values.kind}
                onChange={(v) => set('kind', v)}
                isRequired
                id={form.fieldId('kind')}
                error={form.fieldError('kind')}
              />
              <DatePicker
                label={t('activity.date')}
                value={date}
                maxValue={parseDate(today)}
                onChange={(value) => set('occurredOn', value ? value.toString() : '')}
                isRequired
                {...form.field('occurredOn')}
              />
              <TextField
                label={t('activity.staffReached')}
                description={t('activity.staffReachedHint')}
                inputMode="numeric"
                isRequired
                value={values.staffReached}
                onChange={(v) => set('staffReached', v)}
                {...form.field('staffReached')}
              />
              <TextArea
                label={optional(t('activity.note'))}
                value={values.note}
                onChange={(v) => set('note', v)}
                {...form.field('note')}
              />
              <Button type="submit" variant="primary" isDisabled={state.fetching}>
                {t('activity.submit')}
              </Button>
            </form>
            <section aria-labelledby="recent-heading" className="card">
              <h2 id="recent-heading">{t('activity.recent')}</h2>
              {mine.activities.length ? (
                <ul className="plain-list">
                  {mine.activities.slice(0, 10).map((a) => (
                    <li key={a.id}>
                      {formatDate(a.occurredOn, lang)}: {t(`activityKind.${a.kind}` as MessageKey)},{' '}
                      {formatNumber(a.staffReached, lang)} {t('review.staffShort')}
                      {a.note && <span className="muted"> – {a.note}</span>}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('app.empty')}</p>
              )}
            </section>
          </>
        )}
      </QueryState>
    </Page>
  );
}
