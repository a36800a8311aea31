import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { TextArea } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate } from '../app/format.js';
import { ErrorSummary, Notice } from '../ui/Page.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';

const SpecificationsQuery = graphql(`
  query RequirementSpecifications($id: ID!) {
    procurement(id: $id) {
      id
      requirementSpecifications {
        id
        version
        summary
        documentUrls
        publishedAt
      }
    }
  }
`);
const Publish = graphql(`
  mutation PublishRequirementSpecification($input: PublishRequirementSpecificationInput!) {
    publishRequirementSpecification(input: $input) {
      id
      version
    }
  }
`);

const SPEC_CONTEXT = { additionalTypenames: ['RequirementSpecificationVersion'] };
const FIELDS = ['summary', 'documentUrls', 'procurementId'] as const;

/** The procurement's requirement specification, version by version; node staff publish the next one. */
export function RequirementSpecifications({
  procurementId,
  mayPublish,
}: {
  procurementId: string;
  mayPublish: boolean;
}) {
  const { t, lang } = useLanguage();
  const [{ data }] = useQuery({ query: SpecificationsQuery, variables: { id: procurementId }, context: SPEC_CONTEXT });
  const [summary, setSummary] = useState('');
  const [urls, setUrls] = useState('');
  const [published, setPublished] = useState<number | null>(null);
  const optional = useOptional();
  const form = useFormErrors(FIELDS, {
    summary: { label: t('spec.summary') },
    documentUrls: { label: t('spec.documents') },
  });
  const [state, publish] = useMutation(Publish);
  const versions = [...(data?.procurement.requirementSpecifications ?? [])].sort((a, b) => b.version - a.version);
  // One link per line; the api names a bad one as documentUrls.<index>.
  const urlError =
    form.fieldError('documentUrls') ??
    Object.entries(form.errors.byField).find(([name]) => name.startsWith('documentUrls.'))?.[1];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // PublishRequirementSpecificationInput: the summary is required; the links are checked by the api.
    if (!summary.trim()) return form.show([problem('input.summary', 'isNotEmpty')]);
    const documentUrls = urls
      .split('\n')
      .map((u) => u.trim())
      .filter(Boolean);
    const result = await publish({ input: { procurementId, summary: summary.trim(), documentUrls } }, SPEC_CONTEXT);
    if (form.show(result.error)) return;
    setPublished(result.data!.publishRequirementSpecification.version);
    setSummary('');
    setUrls('');
  };
  return (
    <section aria-labelledby="spec-heading" className="card">
      <h2 id="spec-heading">{t('spec.title')}</h2>
      {versions.length ? (
        <ol className="plain-list">
          {versions.map((v) => (
            <li key={v.id}>
              <strong>{t('spec.version', { version: v.version, date: formatDate(v.publishedAt, lang) })}</strong>
              <p>{v.summary}</p>
              {v.documentUrls.length > 0 && (
                <ul>
                  {v.documentUrls.map((url) => (
                    <li key={url}>
                      <a href={url} rel="noreferrer noopener" target="_blank">
                        {url}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('spec.none')}</p>
      )}
      {mayPublish && (
        <>
          <h3>{t('spec.publishHeading', { version: (versions[0]?.version ?? 0) + 1 })}</h3>
          {published !== null && <Notice>{t('spec.published', { version: published })}</Notice>}
          <ErrorSummary messages={form.summary} />
          <form onSubmit={submit} noValidate className="stack narrow">
            <TextArea
              label={t('spec.summary')}
              isRequired
              value={summary}
              onChange={setSummary}
              {...form.field('summary')}
            />
            <TextArea
              label={optional(t('spec.documents'))}
              id={form.fieldId('documentUrls')}
              description={t('spec.documentsHint')}
              value={urls}
              onChange={setUrls}
              isInvalid={!!urlError}
              errorMessage={urlError}
              validationBehavior="aria"
            />
            <Button type="submit" variant="primary" isDisabled={state.fetching}>
              {t('spec.publish')}
            </Button>
          </form>
        </>
      )}
    </section>
  );
}
