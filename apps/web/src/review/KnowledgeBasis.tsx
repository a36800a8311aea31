import { type FragmentOf, graphql, readFragment } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate, formatNumber } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { PlanSafeguards, PlanText } from '../testbed/PlanSafeguards.js';
import { Checksum } from '../ui/Checksum.js';

/** The frozen content of a protocol version: the schema's `TestProtocolSnapshot`, as much as this page shows. */
export const KnowledgeBasisFields = graphql(`
  fragment KnowledgeBasis on TestProtocolSnapshot {
    plan {
      purpose
      expectedBenefit
      baseline
      plannedStart
      plannedEnd
      consentApproach
      consentDescription
      informationSecurity
      workEnvironment
      involvement
      risks
      documents {
        title
        url
      }
      successCriteria {
        id
        name
        targetValue
        unit
        description
      }
    }
    participants {
      group
      women
      men
      otherOrUnknown
    }
    observations {
      id
      kind
      description
      occurredOn
    }
    deviations {
      id
      description
      occurredOn
      actionTaken
    }
    technicalFaults {
      id
      description
      occurredOn
      affectedComponent
      resolved
    }
    results {
      criterionId
      measuredValue
      met
      comment
    }
  }
`);

const OBSERVATION_KINDS = ['OBSTACLE', 'OPPORTUNITY', 'LESSON'] as const;

/** What a decision rests on, frozen when it was made: the schema's `TestDecisionKnowledgeBasis`. */
export const DecisionBasisFields = graphql(`
  fragment DecisionBasis on TestDecisionKnowledgeBasis {
    contentHash
    observationCounts {
      kind
      count
    }
    deviationCount
    technicalFaultCount
  }
`);

/** The decision's own record of what it rested on: the version's hash and how much was observed. */
export function DecisionBasis({ data }: { data: FragmentOf<typeof DecisionBasisFields> }) {
  const { t, lang } = useLanguage();
  const basis = readFragment(DecisionBasisFields, data);
  return (
    <section aria-labelledby="rests-heading" className="card">
      <h2 id="rests-heading">{t('decision.basis')}</h2>
      <dl className="facts">
        <dt>{t('review.hash')}</dt>
        <dd>
          <Checksum value={basis.contentHash} />
        </dd>
        <dt>{t('decision.observationSummary')}</dt>
        <dd>
          {basis.observationCounts
            .map(({ kind, count }) => `${t(`observationKind.${kind}`)}: ${formatNumber(count, lang)}`)
            .join(' · ')}
        </dd>
        <dt>{t('decision.deviationCount')}</dt>
        <dd>{formatNumber(basis.deviationCount, lang)}</dd>
        <dt>{t('decision.faultCount')}</dt>
        <dd>{formatNumber(basis.technicalFaultCount, lang)}</dd>
      </dl>
    </section>
  );
}

/** Everything a steering member needs to judge a test: plan, results per criterion, participants, observations, risks. */
export function KnowledgeBasis({ data }: { data: FragmentOf<typeof KnowledgeBasisFields> }) {
  const { t, lang } = useLanguage();
  const snapshot = readFragment(KnowledgeBasisFields, data);
  const { plan } = snapshot;
  const resultOf = new Map(snapshot.results.map((r) => [r.criterionId, r]));
  return (
    <section aria-labelledby="basis-heading" className="knowledge-basis">
      <h2 id="basis-heading">{t('review.basis')}</h2>
      <h3>{t('review.purpose')}</h3>
      <PlanText value={plan.purpose} />
      <h3>{t('review.expectedBenefit')}</h3>
      <PlanText value={plan.expectedBenefit} />
      <h3>{t('review.baseline')}</h3>
      <PlanText value={plan.baseline} />
      <h3>{t('review.period')}</h3>
      <p>
        {formatDate(plan.plannedStart, lang)} – {formatDate(plan.plannedEnd, lang)}
      </p>

      <h3 id="criteria-heading">{t('review.criteria')}</h3>
      {plan.successCriteria.length ? (
        <div className="table-scroll">
          <table className="data" aria-labelledby="criteria-heading">
            <thead>
              <tr>
                <th scope="col">{t('review.criterion')}</th>
                <th scope="col">{t('review.target')}</th>
                <th scope="col">{t('review.measured')}</th>
                <th scope="col">{t('review.met')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.successCriteria.map((c) => {
                const result = resultOf.get(c.id);
                return (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.name}
                      {c.description && <div className="muted">{c.description}</div>}
                    </th>
                    <td>
                      {formatNumber(c.targetValue, lang, 2)} {c.unit}
                    </td>
                    <td>{result ? `${formatNumber(result.measuredValue, lang, 2)} ${c.unit}` : '–'}</td>
                    <td>
                      {result ? t(result.met ? 'review.met.yes' : 'review.met.no') : t('review.met.none')}
                      {result?.comment && <div className="muted">{result.comment}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('review.none.items')}</p>
      )}

      <h3 id="participants-heading">{t('review.participants')}</h3>
      {snapshot.participants.length ? (
        <table className="data" aria-labelledby="participants-heading">
          <thead>
            <tr>
              <th scope="col">{t('review.group')}</th>
              <th scope="col">{t('review.women')}</th>
              <th scope="col">{t('review.men')}</th>
              <th scope="col">{t('review.other')}</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.participants.map((p) => (
              <tr key={p.group}>
                <th scope="row">{t(`participantGroup.${p.group}` as MessageKey)}</th>
                <td>{formatNumber(p.women, lang)}</td>
                <td>{formatNumber(p.men, lang)}</td>
                <td>{formatNumber(p.otherOrUnknown, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('review.none.items')}</p>
      )}

      <h3>{t('review.observations')}</h3>
      <div className="observation-groups">
        {OBSERVATION_KINDS.map((kind) => {
          const items = snapshot.observations.filter((o) => o.kind === kind);
          return (
            <section key={kind} aria-labelledby={`obs-${kind}`} className="card">
              <h4 id={`obs-${kind}`}>
                {t(`observationKind.${kind}`)} ({items.length})
              </h4>
              {items.length ? (
                <ul>
                  {items.map((o) => (
                    <li key={o.id}>
                      {o.description} <span className="muted">({formatDate(o.occurredOn, lang)})</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('review.none.items')}</p>
              )}
            </section>
          );
        })}
      </div>

      <h3>{t('review.deviations')}</h3>
      {snapshot.deviations.length ? (
        <ul>
          {snapshot.deviations.map((d) => (
            <li key={d.id}>
              {d.description} <span className="muted">({formatDate(d.occurredOn, lang)})</span>
              {d.actionTaken && <div>{d.actionTaken}</div>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('review.none.items')}</p>
      )}
      <h3>{t('review.faults')}</h3>
      {snapshot.technicalFaults.length ? (
        <ul>
          {snapshot.technicalFaults.map((f) => (
            <li key={f.id}>
              {f.description} {f.affectedComponent && <span className="muted">({f.affectedComponent})</span>}{' '}
              {f.resolved && <strong>{t('review.resolved')}</strong>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('review.none.items')}</p>
      )}

      <PlanSafeguards plan={plan} />
    </section>
  );
}
