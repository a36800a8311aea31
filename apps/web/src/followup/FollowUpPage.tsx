import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { Radio, RadioGroup } from '@midas-ds/components/radio';
import { TextArea, TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate, formatDateTime } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { isNotFound, NotVisible } from '../ui/NotVisible.js';
import { QueryState } from '../ui/QueryState.js';
import { readDraft } from '../ui/useDraft.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';
import type { ApiError } from '../app/api-errors.js';
import { FOLLOW_UP_CONTEXT } from './FollowUpsPage.js';

const FollowUpQuery = graphql(`
  query FollowUpToAnswer($id: ID!) {
    followUp(id: $id) {
      id
      wave
      dueOn
      status
      answeredAt
      implementation {
        id
        setting
        organization {
          name
        }
        product {
          name
        }
      }
      indicatorSet {
        id
        version
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
      answer {
        version
        values
        answeredAt
        answeredBy {
          displayName
        }
      }
    }
  }
`);

const Answer = graphql(`
  mutation AnswerFollowUp($input: AnswerFollowUpInput!) {
    answerFollowUp(input: $input) {
      id
      status
      answeredAt
      answer {
        version
        values
      }
    }
  }
`);

/**
 * What was typed into a follow-up's form, kept in localStorage (not the tab's sessionStorage): an answer often
 * takes several sittings, and closing the laptop must not cost it.
 */
function useLocalDraft(key: string) {
  const storageKey = `noden.draft.followUp.${key}`;
  const [values, setValues] = useState<Record<string, string>>(() =>
    readDraft(globalThis.localStorage, storageKey, {}),
  );
  useEffect(() => {
    try {
      const saved = JSON.parse(globalThis.localStorage?.getItem(storageKey) ?? 'null') as Record<
        string,
        unknown
      > | null;
      if (saved && typeof saved === 'object')
        setValues(
          Object.fromEntries(Object.entries(saved).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
        );
    } catch {
      /* an unreadable draft is no draft */
    }
  }, [storageKey]);
  const set = useCallback(
    (name: string, value: string) =>
      setValues((v) => {
        const next = { ...v, [name]: value };
        globalThis.localStorage?.setItem(storageKey, JSON.stringify(next));
        return next;
      }),
    [storageKey],
  );
  const clear = useCallback(() => {
    globalThis.localStorage?.removeItem(storageKey);
    setValues({});
  }, [storageKey]);
  return { values, set, clear, hasDraft: Object.keys(values).length > 0 };
}

export default function FollowUpPage() {
  const { id } = useParams();
  const { t, lang } = useLanguage();
  const [{ data, fetching, error }] = useQuery({
    query: FollowUpQuery,
    variables: { id: id! },
    context: FOLLOW_UP_CONTEXT,
  });
  const [state, answer] = useMutation(Answer);
  const draft = useLocalDraft(id!);
  const followUp = data?.followUp;
  const indicators = [...(followUp?.indicatorSet?.indicators ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
  const optional = useOptional();
  const label = (i: (typeof indicators)[number]) =>
    `${lang === 'sv' ? i.labelSv : i.labelEn}${i.unit ? ` (${i.unit})` : ''}`;
  const form = useFormErrors([...indicators.map((i) => `values.${i.key}`), 'values', 'correctionReason'], {
    ...Object.fromEntries(indicators.map((i) => [`values.${i.key}`, { label: label(i) }])),
    correctionReason: { label: t('followUp.correctionReason') },
  });
  /** An indicator's field: its label (marked when the indicator set does not require it), id and error. */
  const indicatorField = (i: (typeof indicators)[number]) => ({
    label: i.required ? label(i) : optional(label(i)),
    isRequired: i.required,
    id: form.fieldId(`values.${i.key}`),
    isInvalid: !!form.fieldError(`values.${i.key}`),
    errorMessage: form.fieldError(`values.${i.key}`),
    validationBehavior: 'aria' as const,
  });
  const [saved, setSaved] = useState(false);
  const isCorrection = followUp?.status === 'ANSWERED';
  const canAnswer = followUp && ['OPEN', 'OVERDUE', 'ANSWERED'].includes(followUp.status);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    // Every problem at once: the indicators the set requires, numbers that are not numbers, and the reason a
    // correction needs (AnswerFollowUpInput); the api checks the same and its problems show the same way.
    const problems: ApiError[] = [];
    for (const i of indicators) {
      const raw = (draft.values[i.key] ?? '').trim();
      if (!raw) {
        if (i.required)
          problems.push({ field: `input.values.${i.key}`, message: t('followUp.required', { label: label(i) }) });
      } else if ((i.type === 'COUNT' || i.type === 'PERCENT') && !Number.isFinite(Number(raw.replace(',', '.'))))
        problems.push(problem(`input.values.${i.key}`, 'isNumber'));
    }
    if (isCorrection && !(draft.values.correctionReason ?? '').trim())
      problems.push(problem('input.correctionReason', 'isNotEmpty'));
    if (problems.length) {
      form.show(problems);
      return;
    }
    const values: Record<string, unknown> = {};
    for (const indicator of indicators) {
      const raw = (draft.values[indicator.key] ?? '').trim();
      if (raw === '') continue;
      if (indicator.type === 'TEXT') values[indicator.key] = raw;
      else if (indicator.type === 'YES_NO') values[indicator.key] = raw === 'true';
      else values[indicator.key] = Number(raw.replace(',', '.'));
    }
    const result = await answer({
      input: {
        followUpId: followUp!.id,
        values,
        correctionReason: isCorrection ? (draft.values.correctionReason ?? '').trim() || null : null,
      },
    });
    if (form.show(result.error)) return;
    draft.clear();
    setSaved(true);
  };

  if (isNotFound(error)) return <NotVisible kind="followUp" />;
  return (
    <Page
      title={
        followUp
          ? t('followUp.pageTitle', { months: followUp.wave, product: followUp.implementation.product.name })
          : t('followUp.title')
      }
    >
      <QueryState fetching={fetching} error={error} hasData={!!followUp}>
        {followUp && (
          <>
            <dl className="facts card">
              <dt>{t('procurement.organization')}</dt>
              <dd>{followUp.implementation.organization.name}</dd>
              <dt>{t('implementation.setting')}</dt>
              <dd>{t(`setting.${followUp.implementation.setting}` as MessageKey)}</dd>
              <dt>{t('followUp.dueOn')}</dt>
              <dd>{formatDate(followUp.dueOn, lang)}</dd>
              <dt>{t('implementation.status')}</dt>
              <dd>{t(`followUpStatus.${followUp.status}` as MessageKey)}</dd>
              {followUp.answer && (
                <>
                  <dt>{t('followUp.answeredBy')}</dt>
                  <dd>
                    {followUp.answer.answeredBy?.displayName ?? '–'}, {formatDateTime(followUp.answer.answeredAt, lang)}
                  </dd>
                </>
              )}
            </dl>
            <p>
              <Link to={`/inforanden/${followUp.implementation.id}`}>{t('followUp.toImplementation')}</Link>
            </p>
            {saved && <Notice>{t('followUp.saved')}</Notice>}
            {!saved && draft.hasDraft && <Notice>{t('followUp.draftRestored')}</Notice>}
            {followUp.status === 'SCHEDULED' && (
              <p>{t('followUp.notYetOpen', { date: formatDate(followUp.dueOn, lang) })}</p>
            )}
            {followUp.answer && (
              <section aria-labelledby="answer-heading" className="card">
                <h2 id="answer-heading">{t('followUp.currentAnswer', { version: followUp.answer.version })}</h2>
                <dl className="facts">
                  {indicators.map((i) => (
                    <div key={i.key} style={{ display: 'contents' }}>
                      <dt>{label(i)}</dt>
                      <dd>{formatValue(followUp.answer!.values?.[i.key], t)}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            )}
            {canAnswer && (
              <section aria-labelledby="form-heading" className="card">
                <h2 id="form-heading">{isCorrection ? t('followUp.correct') : t('followUp.answer')}</h2>
                <ErrorSummary messages={form.summary} />
                <form onSubmit={submit} noValidate className="stack narrow">
                  {indicators.map((i) =>
                    i.type === 'SCALE_1_5' || i.type === 'YES_NO' ? (
                      <RadioGroup
                        key={i.key}
                        {...indicatorField(i)}
                        description={
                          i.type === 'SCALE_1_5'
                            ? t('scale.ends', { low: t('scale.low'), high: t('scale.high') })
                            : undefined
                        }
                        value={draft.values[i.key] ?? null}
                        onChange={(v) => draft.set(i.key, v)}
                        orientation="horizontal"
                      >
                        {(i.type === 'YES_NO' ? ['true', 'false'] : ['1', '2', '3', '4', '5']).map((v) => (
                          <Radio key={v} value={v}>
                            {v === 'true'
                              ? t('followUp.yes')
                              : v === 'false'
                                ? t('followUp.no')
                                : v === '1'
                                  ? `1 ${t('scale.lowEnd')}`
                                  : v === '5'
                                    ? `5 ${t('scale.highEnd')}`
                                    : v}
                          </Radio>
                        ))}
                      </RadioGroup>
                    ) : i.type === 'TEXT' ? (
                      <TextArea
                        key={i.key}
                        {...indicatorField(i)}
                        description={t('followUp.textHint')}
                        value={draft.values[i.key] ?? ''}
                        onChange={(v) => draft.set(i.key, v)}
                      />
                    ) : (
                      <TextField
                        key={i.key}
                        {...indicatorField(i)}
                        inputMode="decimal"
                        value={draft.values[i.key] ?? ''}
                        onChange={(v) => draft.set(i.key, v)}
                      />
                    ),
                  )}
                  {isCorrection && (
                    <TextArea
                      label={t('followUp.correctionReason')}
                      isRequired
                      value={draft.values.correctionReason ?? ''}
                      onChange={(v) => {
                        form.clearField('correctionReason');
                        draft.set('correctionReason', v);
                      }}
                      {...form.field('correctionReason')}
                    />
                  )}
                  <Button type="submit" variant="primary" isDisabled={state.fetching}>
                    {isCorrection ? t('followUp.submitCorrection') : t('followUp.submit')}
                  </Button>
                </form>
              </section>
            )}
          </>
        )}
      </QueryState>
    </Page>
  );
}

function formatValue(value: unknown, t: (key: MessageKey) => string): string {
  if (value === true) return t('followUp.yes');
  if (value === false) return t('followUp.no');
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
