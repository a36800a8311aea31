import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { Radio, RadioGroup } from '@midas-ds/components/radio';
import { TextArea } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDateTime } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { isNotFound, NotVisible } from '../ui/NotVisible.js';
import { Checksum } from '../ui/Checksum.js';
import { QueryState } from '../ui/QueryState.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import type { ApiError } from '../app/api-errors.js';
import { useDraft } from '../ui/useDraft.js';
import { KnowledgeBasis, KnowledgeBasisFields } from './KnowledgeBasis.js';
import { GapList, VersionEvidence, VersionEvidenceFields } from './EvidenceGaps.js';
import { type FragmentOf, readFragment } from '../app/graphql.js';
import { REVIEW_CONTEXT } from './ReviewQueuePage.js';

const ProtocolReview = graphql(
  `
    query ProtocolReview($id: ID!) {
      testProtocol(id: $id) {
        id
        title
        status
        category {
          labelSv
          labelEn
        }
        leadOrganization {
          id
          name
        }
        participatingOrganizations {
          id
          name
        }
        latestDecision {
          id
          outcome
        }
        versions {
          id
          versionNumber
          reviewStatus
          submittedAt
          contentHash
          contentHashVerified
          snapshot {
            ...KnowledgeBasis
          }
          ...VersionEvidence
          votes {
            id
            recommendation
            rationale
            conditions
            castAt
            organization {
              id
              name
            }
          }
        }
      }
    }
  `,
  [KnowledgeBasisFields, VersionEvidenceFields],
);

const CastVote = graphql(`
  mutation CastSteeringVote($input: CastSteeringVoteInput!) {
    castSteeringVote(input: $input) {
      id
      recommendation
      decision {
        id
        outcome
      }
    }
  }
`);

const RECOMMENDATIONS = ['RECOMMEND', 'RECOMMEND_WITH_CONDITIONS', 'TEST_MORE', 'DO_NOT_RECOMMEND'] as const;
type Recommendation = (typeof RECOMMENDATIONS)[number];
const FIELDS = ['recommendation', 'rationale', 'conditions', 'versionId'] as const;

function VoteForm({
  versionId,
  evidence,
  onCast,
}: {
  versionId: string;
  evidence: FragmentOf<typeof VersionEvidenceFields>;
  onCast: (decisionId: string | null) => void;
}) {
  const { t } = useLanguage();
  const gaps = readFragment(VersionEvidenceFields, evidence).evidenceGaps;
  const draft = useDraft<{ recommendation: Recommendation | ''; rationale: string; conditions: string }>(
    `vote.${versionId}`,
    { recommendation: '', rationale: '', conditions: '' },
  );
  const { values, set } = draft;
  const form = useFormErrors(FIELDS, {
    recommendation: {
      label: t('review.vote.recommendation'),
      required: t('form.problem.choose', { label: t('review.vote.recommendation') }),
    },
    rationale: { label: t('review.vote.rationale') },
    conditions: { label: t('review.vote.conditions') },
  });
  const [state, cast] = useMutation(CastVote);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Every required field at once (CastSteeringVoteInput), before anything is sent.
    const missing: ApiError[] = [
      ...(values.recommendation ? [] : [problem('input.recommendation', 'isDefined')]),
      ...(values.recommendation === 'RECOMMEND_WITH_CONDITIONS' && !values.conditions.trim()
        ? [problem('input.conditions', 'isNotEmpty')]
        : []),
      ...(values.rationale.trim() ? [] : [problem('input.rationale', 'isNotEmpty')]),
    ];
    if (missing.length || !values.recommendation) {
      form.show(missing);
      return;
    }
    const result = await cast({
      input: {
        versionId,
        recommendation: values.recommendation,
        rationale: values.rationale,
        conditions: values.recommendation === 'RECOMMEND_WITH_CONDITIONS' ? values.conditions : null,
      },
    });
    if (form.show(result.error)) return;
    draft.clear();
    onCast(result.data?.castSteeringVote.decision?.id ?? null);
  };
  return (
    <section aria-labelledby="vote-heading" className="card">
      <h2 id="vote-heading">{t('review.vote')}</h2>
      {gaps.length > 0 && (
        <div className="evidence-warning" role="note" aria-label={t('evidence.title')}>
          <p>
            <strong>{t('evidence.voteWarning')}</strong>
          </p>
          <GapList gaps={gaps} />
        </div>
      )}
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack">
        <RadioGroup
          label={t('review.vote.recommendation')}
          value={values.recommendation}
          onChange={(v) => set('recommendation', v as Recommendation)}
          isRequired
          id={form.fieldId('recommendation')}
          isInvalid={!!form.fieldError('recommendation')}
          errorMessage={form.fieldError('recommendation')}
        >
          {RECOMMENDATIONS.map((r) => (
            <Radio key={r} value={r}>
              {t(`recommendation.${r}`)}
            </Radio>
          ))}
        </RadioGroup>
        {values.recommendation === 'RECOMMEND_WITH_CONDITIONS' && (
          <TextArea
            label={t('review.vote.conditions')}
            isRequired
            value={values.conditions}
            onChange={(v) => set('conditions', v)}
            {...form.field('conditions')}
          />
        )}
        <TextArea
          label={t('review.vote.rationale')}
          isRequired
          value={values.rationale}
          onChange={(v) => set('rationale', v)}
          {...form.field('rationale')}
        />
        <Button type="submit" variant="primary" isDisabled={state.fetching}>
          {t('review.vote.submit')}
        </Button>
      </form>
    </section>
  );
}

/** A protocol version under review: its whole knowledge basis, the votes so far, and my organisation's vote. */
export default function ProtocolReviewPage() {
  const { protocolId } = useParams();
  const { t, lang } = useLanguage();
  const { me, hasRole } = useSession();
  const [cast, setCast] = useState<{ decisionId: string | null } | null>(null);
  const [{ data, fetching, error }] = useQuery({
    query: ProtocolReview,
    variables: { id: protocolId! },
    context: REVIEW_CONTEXT,
  });
  const protocol = data?.testProtocol;
  const version = protocol && (protocol.versions.find((v) => v.reviewStatus === 'OPEN') ?? protocol.versions.at(-1));
  const myVote = version?.votes.find((v) => v.organization.id === me?.organization.id);
  const canVote = hasRole('STEERING_MEMBER') && version?.reviewStatus === 'OPEN' && !myVote;
  if (isNotFound(error)) return <NotVisible kind="protocol" />;
  return (
    <QueryState fetching={fetching} error={error} hasData={!!protocol}>
      {protocol && (
        <Page title={protocol.title}>
          <dl className="facts card">
            <dt>{t('need.category')}</dt>
            <dd>{lang === 'en' ? protocol.category.labelEn : protocol.category.labelSv}</dd>
            <dt>{t('review.lead')}</dt>
            <dd>{protocol.leadOrganization.name}</dd>
            {version && (
              <>
                <dt>{t('review.version', { number: version.versionNumber })}</dt>
                <dd>
                  {t('review.submitted')} {formatDateTime(version.submittedAt, lang)}
                </dd>
                <dt>{t('review.hash')}</dt>
                <dd>
                  <Checksum value={version.contentHash} />
                  <div>
                    {version.contentHashVerified ? (
                      t('review.hashVerified')
                    ) : (
                      <strong className="error-text">{t('review.hashBroken')}</strong>
                    )}
                  </div>
                </dd>
              </>
            )}
            {protocol.latestDecision && (
              <>
                <dt>{t('decisions.outcome')}</dt>
                <dd>
                  <Link to={`/beslut/${protocol.latestDecision.id}`}>
                    {t(`recommendation.${protocol.latestDecision.outcome}` as MessageKey)}
                  </Link>
                </dd>
              </>
            )}
          </dl>
          {version && <VersionEvidence data={version} headingId="review-evidence-heading" />}
          {cast && (
            <Notice>
              {t('review.vote.cast')}{' '}
              {cast.decisionId && <Link to={`/beslut/${cast.decisionId}`}>{t('decisions.title')}</Link>}
            </Notice>
          )}
          {version && (
            <section aria-labelledby="votes-heading">
              <h2 id="votes-heading">{t('review.votes')}</h2>
              {version.votes.length ? (
                <ul className="plain-list">
                  {version.votes.map((v) => (
                    <li key={v.id}>
                      <strong>{v.organization.name}</strong>: {t(`recommendation.${v.recommendation}`)}{' '}
                      <span className="muted">({formatDateTime(v.castAt, lang)})</span>
                      <p className="prose">{v.rationale}</p>
                      {v.conditions && (
                        <p className="prose">
                          {t('review.vote.conditions')}: {v.conditions}
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('review.votes.none')}</p>
              )}
            </section>
          )}
          {canVote && version && (
            <VoteForm versionId={version.id} evidence={version} onCast={(decisionId) => setCast({ decisionId })} />
          )}
          {version && <KnowledgeBasis data={version.snapshot} />}
        </Page>
      )}
    </QueryState>
  );
}
