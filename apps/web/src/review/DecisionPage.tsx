import { Link, useParams } from 'react-router';
import { TransferabilityCard } from '../thread/TransferabilityCard.js';
import { useQuery } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate, formatDateTime, formatNumber } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { Page } from '../ui/Page.js';
import { isNotFound, NotVisible } from '../ui/NotVisible.js';
import { QueryState } from '../ui/QueryState.js';
import { DecisionBasis, DecisionBasisFields, KnowledgeBasis, KnowledgeBasisFields } from './KnowledgeBasis.js';
import { VersionEvidence, VersionEvidenceFields } from './EvidenceGaps.js';

const Decision = graphql(
  `
    query Decision($id: ID!) {
      testDecision(id: $id) {
        id
        outcome
        decidedAt
        versionNumber
        rationale
        conditions
        knowledgeBasis {
          ...DecisionBasis
        }
        category {
          labelSv
          labelEn
        }
        voteCounts {
          recommendation
          votes
        }
        votes {
          id
          recommendation
          rationale
          conditions
          organization {
            id
            name
          }
        }
        protocol {
          id
          title
          leadOrganization {
            name
          }
        }
        version {
          id
          contentHash
          contentHashVerified
          snapshot {
            ...KnowledgeBasis
          }
          ...VersionEvidence
        }
        supersedes {
          id
          decidedAt
        }
        supersededBy {
          id
          decidedAt
        }
      }
    }
  `,
  [KnowledgeBasisFields, DecisionBasisFields, VersionEvidenceFields],
);

/** A steering decision and the knowledge it rests on: the votes, and the frozen version they judged. */
export default function DecisionPage() {
  const { id } = useParams();
  const { t, lang } = useLanguage();
  const [{ data, fetching, error }] = useQuery({ query: Decision, variables: { id: id! } });
  const decision = data?.testDecision;
  if (isNotFound(error)) return <NotVisible kind="decision" />;
  return (
    <QueryState fetching={fetching} error={error} hasData={!!decision}>
      {decision && (
        <Page title={t('decision.title', { title: decision.protocol?.title ?? '' })}>
          <dl className="facts card">
            <dt>{t('decisions.outcome')}</dt>
            <dd>
              <strong>{t(`recommendation.${decision.outcome}` as MessageKey)}</strong>
            </dd>
            <dt>{t('decisions.decidedAt')}</dt>
            <dd>{formatDateTime(decision.decidedAt, lang)}</dd>
            <dt>{t('need.category')}</dt>
            <dd>{lang === 'en' ? decision.category.labelEn : decision.category.labelSv}</dd>
            {decision.protocol && (
              <>
                <dt>{t('decision.protocol')}</dt>
                <dd>
                  <Link to={`/tester/${decision.protocol.id}`}>{decision.protocol.title}</Link> (
                  {decision.protocol.leadOrganization.name}, {t('review.version', { number: decision.versionNumber })})
                </dd>
              </>
            )}
            {decision.supersedes && (
              <>
                <dt>{t('decision.supersedes')}</dt>
                <dd>
                  <Link to={`/beslut/${decision.supersedes.id}`}>
                    {formatDate(decision.supersedes.decidedAt, lang)}
                  </Link>
                </dd>
              </>
            )}
            {decision.supersededBy && (
              <>
                <dt>{t('decision.supersededBy')}</dt>
                <dd>
                  <Link to={`/beslut/${decision.supersededBy.id}`}>
                    {formatDate(decision.supersededBy.decidedAt, lang)}
                  </Link>
                </dd>
              </>
            )}
          </dl>
          <section aria-labelledby="votes-heading">
            <h2 id="votes-heading">{t('decision.voteCounts')}</h2>
            <table className="data">
              <caption className="visually-hidden">{t('decision.voteCounts')}</caption>
              <tbody>
                {decision.voteCounts.map((c) => (
                  <tr key={c.recommendation}>
                    <th scope="row">{t(`recommendation.${c.recommendation}` as MessageKey)}</th>
                    <td>{formatNumber(c.votes, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ul className="plain-list">
              {decision.votes.map((v) => (
                <li key={v.id}>
                  <strong>{v.organization.name}</strong>: {t(`recommendation.${v.recommendation}` as MessageKey)}
                  <p className="prose">{v.rationale}</p>
                  {v.conditions && (
                    <p className="prose">
                      {t('decision.conditions')}: {v.conditions}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </section>
          {decision.conditions && (
            <section aria-labelledby="conditions-heading">
              <h2 id="conditions-heading">{t('decision.conditions')}</h2>
              <p className="prose">{decision.conditions}</p>
            </section>
          )}
          <DecisionBasis data={decision.knowledgeBasis} />
          <VersionEvidence data={decision.version} headingId="decision-evidence-heading" />
          <TransferabilityCard decisionId={decision.id} />
          <p>
            <Link to={`/traad/TEST_DECISION/${decision.id}`}>{t('thread.showThread')}</Link>
          </p>
          <KnowledgeBasis data={decision.version.snapshot} />
        </Page>
      )}
    </QueryState>
  );
}
