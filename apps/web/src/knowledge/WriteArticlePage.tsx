import { type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { Button } from '@midas-ds/components/button';
import { TextArea, TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { ErrorSummary, Page } from '../ui/Page.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { useDraft } from '../ui/useDraft.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';
import { GRADES, KINDS, SOURCE_TYPES } from './KnowledgePage.js';

const Create = graphql(`
  mutation CreateArticle($input: CreateArticleInput!) {
    createArticle(input: $input) {
      id
    }
  }
`);

const FIELDS = ['title', 'summary', 'body', 'kind', 'sourceType', 'qualityGrade'] as const;

/** Writing an article: saved as a draft of my organisation; node staff grade and publish it. */
export default function WriteArticlePage() {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const draft = useDraft<{
    title: string;
    summary: string;
    body: string;
    kind: (typeof KINDS)[number] | '';
    sourceType: (typeof SOURCE_TYPES)[number] | '';
    qualityGrade: (typeof GRADES)[number];
  }>('article', { title: '', summary: '', body: '', kind: '', sourceType: '', qualityGrade: 'UNASSESSED' });
  const { values } = draft;
  const optional = useOptional();
  const choose = (label: string) => ({ label, required: t('form.problem.choose', { label }) });
  const form = useFormErrors(FIELDS, {
    title: { label: t('knowledge.field.title') },
    summary: { label: t('knowledge.field.summary') },
    body: { label: t('knowledge.field.body') },
    kind: choose(t('knowledge.field.kind')),
    sourceType: choose(t('knowledge.field.sourceType')),
    qualityGrade: { label: t('knowledge.grade') },
  });
  // A field's error goes once the user changes that field (the rest stay until the next attempt).
  const set: typeof draft.set = (name, value) => {
    form.clearField(String(name));
    draft.set(name, value);
  };
  const [state, create] = useMutation(Create);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Every required field at once, as the api names them (CreateArticleInput), before anything is sent.
    const missing = (['title', 'summary', 'body', 'kind', 'sourceType'] as const).filter(
      (f) => !String(values[f]).trim(),
    );
    if (missing.length) {
      form.show(
        missing.map((f) => problem(`input.${f}`, f === 'kind' || f === 'sourceType' ? 'isDefined' : 'isNotEmpty')),
      );
      return;
    }
    const result = await create({
      input: {
        title: values.title.trim(),
        summary: values.summary.trim(),
        body: values.body.trim(),
        kind: values.kind as (typeof KINDS)[number],
        sourceType: values.sourceType as (typeof SOURCE_TYPES)[number],
        qualityGrade: values.qualityGrade,
      },
    });
    if (form.show(result.error)) return;
    draft.clear();
    void navigate(`/kunskap/${result.data!.createArticle.id}`);
  };

  return (
    <Page title={t('knowledge.write')}>
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack narrow">
        <TextField
          label={t('knowledge.field.title')}
          isRequired
          value={values.title}
          onChange={(v) => set('title', v)}
          {...form.field('title')}
        />
        <TextArea
          label={t('knowledge.field.summary')}
          isRequired
          value={values.summary}
          onChange={(v) => set('summary', v)}
          {...form.field('summary')}
        />
        <TextArea
          label={t('knowledge.field.body')}
          isRequired
          value={values.body}
          onChange={(v) => set('body', v)}
          {...form.field('body')}
        />
        <EnumSelect
          label={t('knowledge.field.kind')}
          values={KINDS}
          labels="articleKind"
          placeholder={t('landscape.choose')}
          value={values.kind}
          onChange={(v) => set('kind', v)}
          isRequired
          id={form.fieldId('kind')}
          error={form.fieldError('kind')}
        />
        <EnumSelect
          label={t('knowledge.field.sourceType')}
          description={t('knowledge.sourceHint')}
          values={SOURCE_TYPES}
          labels="sourceType"
          placeholder={t('landscape.choose')}
          value={values.sourceType}
          onChange={(v) => set('sourceType', v)}
          isRequired
          id={form.fieldId('sourceType')}
          error={form.fieldError('sourceType')}
        />
        <EnumSelect
          label={optional(t('knowledge.grade'))}
          description={t('knowledge.gradeHint')}
          values={GRADES}
          labels="qualityGrade"
          value={values.qualityGrade}
          onChange={(v) => set('qualityGrade', v)}
          id={form.fieldId('qualityGrade')}
          error={form.fieldError('qualityGrade')}
        />
        <Button type="submit" variant="primary" isDisabled={state.fetching}>
          {t('knowledge.saveDraft')}
        </Button>
      </form>
    </Page>
  );
}
