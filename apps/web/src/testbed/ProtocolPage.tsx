import { type FormEvent, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { TextArea } from '@midas-ds/components/textfield';
import { graphql, type ResultOf } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDate, formatDateTime, formatNumber } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { isNotFound, NotVisible } from '../ui/NotVisible.js';
import { Checksum } from '../ui/Checksum.js';
import { EnumSelect } from '../ui/EnumSelect.js';
import { QueryState } from '../ui/QueryState.js';
import { ListCard } from '../ui/ListCard.js';
import { problem, useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';
import { EvidenceGapFields, GapList } from '../review/EvidenceGaps.js';
import { ProtocolStatusTag, type ProtocolStatus } from './protocol-status.js';
import { DeviationForm, FaultForm, ObservationForm, ParticipantsForm, ResultForm } from './ProtocolActivityForms.js';
import { PlanSafeguards, PlanText } from './PlanSafeguards.js';

const ProtocolWork = graphql(`
  query TestProtocolWork($id: ID!) {
    testProtocol(id: $id) {
      id
      title
      status
      allowedTransitions
      versionCount
      leadOrganizationId
      category {
        labelSv
        labelEn
      }
      product {
        name
        supplier {
          name
        }
      }
      leadOrganization {
        id
        name
      }
      participatingOrganizations {
        id
        name
      }
      needs {
        id
        title
      }
      settings
      purpose
      expectedBenefit
      baseline
      plannedStart
      plannedEnd
      broadRolloutIntended
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
        result {
          measuredValue
          met
          comment
          recordedAt
        }
      }
      participants {
        id
        participantGroup
        women
        men
        otherOrUnknown
        total
        suppression {
          message
        }
      }
      observations {
        id
        kind
        description
        occurredOn
        authorOrganization {
          name
        }
      }
      deviations {
        id
        description
        occurredOn
        actionTaken
        authorOrganization {
          name
        }
      }
      technicalFaults {
        id
        description
        occurredOn
        affectedComponent
        resolved
        authorOrganization {
          name
        }
      }
      statusHistory {
        id
        fromStatus
        toStatus
        reason
        changedAt
      }
      versions {
        id
        versionNumber
        reviewStatus
        submittedAt
        contentHash
        contentHashVerified
        decision {
          id
          outcome
        }
      }
    }
  }
`);

const ChangeStatus = graphql(`
  mutation ChangeTestProtocolStatus($input: ChangeTestProtocolStatusInput!) {
    changeTestProtocolStatus(input: $input) {
      id
      status
    }
  }
`);

const EvidenceGaps = graphql(
  `
    query TestProtocolEvidenceGaps($id: ID!) {
      testProtocolEvidenceGaps(id: $id) {
        ...EvidenceGap
      }
    }
  `,
  [EvidenceGapFields],
);

const Submit = graphql(`
  mutation SubmitTestProtocolForReview($id: ID!, $handInReason: String) {
    submitTestProtocolForReview(id: $id, handInReason: $handInReason) {
      id
      versionNumber
      contentHash
      contentHashVerified
    }
  }
`);

export type WorkProtocol = ResultOf<typeof ProtocolWork>['testProtocol'];

const ACTIVITY_STATUSES: readonly string[] = ['RUNNING', 'COMPLETED', 'SUBMITTED_FOR_REVIEW', 'DECIDED'];
const FROZEN_STATUSES: readonly string[] = ['SUBMITTED_FOR_REVIEW', 'DECIDED'];
// SUBMITTED_FOR_REVIEW is reached by submitting, DECIDED by the steering group's quorum: never chosen by hand.
const BY_HAND: readonly string[] = ['RUNNING', 'COMPLETED', 'WITHDRAWN'];

/** One test protocol from draft to submission: the plan, status, what happened during the test, results, versions. */
export default function ProtocolPage() {
  const { id } = useParams();
  const location = useLocation();
  const { t, lang } = useLanguage();
  const { me, hasRole } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ProtocolWork,
    variables: { id: id! },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [frozen, setFrozen] = useState<Frozen | null>(null);
  const p = data?.testProtocol;
  const navNotice = (location.state as { notice?: string } | null)?.notice;
  const nodeStaff = hasRole('NODE_STAFF', 'NODE_ADMIN');
  const leads =
    !!p &&
    (nodeStaff ||
      (me?.organization.id === p.leadOrganizationId && hasRole('MUNICIPALITY_COORDINATOR', 'STEERING_MEMBER')));
  const reports =
    !!p &&
    (nodeStaff ||
      me?.organization.id === p.leadOrganizationId ||
      p.participatingOrganizations.some((o) => o.id === me?.organization.id));
  const activityOpen = !!p && ACTIVITY_STATUSES.includes(p.status);
  const planEditable =
    !!p &&
    (p.status === 'DRAFT' || (p.versionCount > 0 && (p.status === 'COMPLETED' || FROZEN_STATUSES.includes(p.status))));
  const label = (c: { labelSv: string; labelEn: string }) => (lang === 'sv' ? c.labelSv : c.labelEn);

  if (isNotFound(error)) return <NotVisible kind="protocol" />;
  return (
    <QueryState fetching={fetching} error={error} hasData={!!p}>
      {p && (
        <Page title={p.title}>
          {navNotice && !frozen && <Notice>{navNotice}</Notice>}
          {frozen && (
            <Notice>
              {t('protocol.submitted', { number: frozen.versionNumber })}{' '}
              <Link to={`/granskning/${p.id}`}>{t('protocol.toReview')}</Link>
            </Notice>
          )}
          <dl className="facts card">
            <dt>{t('protocol.status')}</dt>
            <dd>
              <ProtocolStatusTag status={p.status} />
            </dd>
            <dt>{t('protocol.category')}</dt>
            <dd>{label(p.category)}</dd>
            <dt>{t('protocol.product')}</dt>
            <dd>{p.product ? `${p.product.name} (${p.product.supplier.name})` : t('protocol.notStated')}</dd>
            <dt>{t('protocol.lead')}</dt>
            <dd>{p.leadOrganization.name}</dd>
            <dt>{t('protocol.participants')}</dt>
            <dd>{p.participatingOrganizations.map((o) => o.name).join(', ') || t('protocol.none')}</dd>
            <dt>{t('protocol.period')}</dt>
            <dd>
              {p.plannedStart || p.plannedEnd
                ? `${formatDate(p.plannedStart, lang)} – ${formatDate(p.plannedEnd, lang)}`
                : t('protocol.notStated')}
            </dd>
            <dt>{t('protocol.settings')}</dt>
            <dd>{p.settings.map((s) => t(`setting.${s}` as MessageKey)).join(', ') || t('protocol.notStated')}</dd>
            <dt>{t('protocol.needs')}</dt>
            <dd>
              {p.needs.length ? (
                <ul className="inline-list">
                  {p.needs.map((n) => (
                    <li key={n.id}>
                      <Link to={`/behov/${n.id}`}>{n.title}</Link>
                    </li>
                  ))}
                </ul>
              ) : (
                t('protocol.none')
              )}
            </dd>
            <dt>{t('protocol.broadRollout')}</dt>
            <dd>{p.broadRolloutIntended ? t('protocol.yes') : t('protocol.no')}</dd>
          </dl>
          <p>
            <Link to={`/traad/TEST_PROTOCOL/${p.id}`}>{t('protocol.thread')}</Link>
          </p>

          <Versions protocol={p} />
          {leads && <StatusForm protocol={p} onChanged={reload} />}
          {leads && p.status === 'COMPLETED' && (
            <SubmitForm
              protocolId={p.id}
              onSubmitted={(version) => {
                setFrozen(version);
                reload();
              }}
            />
          )}

          <section aria-labelledby="plan-heading" className="card">
            <div className="page-head">
              <h2 id="plan-heading">{t('protocol.plan')}</h2>
              {leads && planEditable && (
                <Link className="primary-link" to={`/testprotokoll/${p.id}/plan`}>
                  {t('protocol.editPlan')}
                </Link>
              )}
            </div>
            {!planEditable && p.status === 'RUNNING' && <p className="muted">{t('protocol.planLocked')}</p>}
            <h3>{t('protocolForm.purpose')}</h3>
            <PlanText value={p.purpose} />
            <h3>{t('protocolForm.expectedBenefit')}</h3>
            <PlanText value={p.expectedBenefit} />
            <h3>{t('protocolForm.baseline')}</h3>
            <PlanText value={p.baseline} />
            <PlanSafeguards plan={p} />
          </section>

          {!activityOpen && p.status !== 'WITHDRAWN' && <p className="notice">{t('protocol.activityClosed')}</p>}
          {activityOpen && FROZEN_STATUSES.includes(p.status) && (leads || reports) && (
            <p className="warning-box">{t('protocol.frozenWarning')}</p>
          )}

          <section aria-labelledby="results-heading" className="card">
            <h2 id="results-heading">{t('protocol.results')}</h2>
            {p.successCriteria.length ? (
              <ul className="plain-list">
                {p.successCriteria.map((c) => (
                  <li key={c.id}>
                    <h3 className="criterion-name">{c.name}</h3>
                    <p>
                      {t('protocol.target', { value: formatNumber(c.targetValue, lang, 2), unit: c.unit })}
                      {' · '}
                      {c.result ? (
                        <strong>
                          {t('protocol.measured', {
                            value: formatNumber(c.result.measuredValue, lang, 2),
                            unit: c.unit,
                          })}{' '}
                          ({c.result.met ? t('protocol.resultMetShort') : t('protocol.resultNotMetShort')})
                        </strong>
                      ) : (
                        <span className="muted">{t('protocol.noResult')}</span>
                      )}
                    </p>
                    {c.result?.comment && <p className="prose">{c.result.comment}</p>}
                    {leads && activityOpen && <ResultForm protocolId={p.id} criterion={c} onSaved={reload} />}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('protocol.noCriteria')}</p>
            )}
          </section>

          <ListCard
            id="participants"
            title={t('protocol.participantCounts')}
            before={<p className="muted">{t('protocol.participantsHint')}</p>}
            items={p.participants}
            rowKey={(g) => g.id}
            empty={t('protocol.noParticipants')}
            scroll
            columns={[
              {
                header: t('protocol.group'),
                rowHeader: true,
                cell: (g) => (
                  <>
                    {t(`participantGroup.${g.participantGroup}` as MessageKey)}
                    {g.suppression && <div className="muted">{g.suppression.message}</div>}
                  </>
                ),
              },
              { header: t('sex.women'), cell: (g) => formatNumber(g.women, lang) },
              { header: t('sex.men'), cell: (g) => formatNumber(g.men, lang) },
              { header: t('sex.otherOrUnknown'), cell: (g) => formatNumber(g.otherOrUnknown, lang) },
              { header: t('protocol.total'), cell: (g) => formatNumber(g.total, lang) },
            ]}
            after={
              leads &&
              activityOpen && <ParticipantsForm protocolId={p.id} participants={p.participants} onSaved={reload} />
            }
          />

          <section aria-labelledby="observations-heading" className="card">
            <h2 id="observations-heading">{t('protocol.observations')}</h2>
            <p className="muted">{t('protocol.observationsHint')}</p>
            {p.observations.length ? (
              <div className="observation-groups">
                {(['OBSTACLE', 'OPPORTUNITY', 'LESSON'] as const).map((kind) => (
                  <div key={kind}>
                    <h3>{t(`observationKind.${kind}`)}</h3>
                    <ul className="plain-list">
                      {p.observations
                        .filter((o) => o.kind === kind)
                        .map((o) => (
                          <li key={o.id}>
                            <p className="prose">{o.description}</p>
                            <span className="muted">
                              {t('protocol.by', {
                                date: formatDate(o.occurredOn, lang),
                                organization: o.authorOrganization.name,
                              })}
                            </span>
                          </li>
                        ))}
                    </ul>
                  </div>
                ))}
              </div>
            ) : (
              <p>{t('protocol.noObservations')}</p>
            )}
            {reports && activityOpen && <ObservationForm protocolId={p.id} onSaved={reload} />}
          </section>

          <section aria-labelledby="deviations-heading" className="card">
            <h2 id="deviations-heading">{t('protocol.deviations')}</h2>
            <p className="muted">{t('protocol.deviationsHint')}</p>
            {p.deviations.length ? (
              <ul className="plain-list">
                {p.deviations.map((d) => (
                  <li key={d.id}>
                    <p className="prose">{d.description}</p>
                    {d.actionTaken && (
                      <p className="prose">
                        {t('protocol.actionTaken')}: {d.actionTaken}
                      </p>
                    )}
                    <span className="muted">
                      {t('protocol.by', {
                        date: formatDate(d.occurredOn, lang),
                        organization: d.authorOrganization.name,
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('protocol.noDeviations')}</p>
            )}
            {reports && activityOpen && <DeviationForm protocolId={p.id} onSaved={reload} />}
          </section>

          <section aria-labelledby="faults-heading" className="card">
            <h2 id="faults-heading">{t('protocol.faults')}</h2>
            <p className="muted">{t('protocol.faultsHint')}</p>
            {p.technicalFaults.length ? (
              <ul className="plain-list">
                {p.technicalFaults.map((f) => (
                  <li key={f.id}>
                    <p className="prose">
                      {f.affectedComponent && <strong>{f.affectedComponent}: </strong>}
                      {f.description} ({f.resolved ? t('protocol.resolvedYes') : t('protocol.resolvedNo')})
                    </p>
                    <span className="muted">
                      {t('protocol.by', {
                        date: formatDate(f.occurredOn, lang),
                        organization: f.authorOrganization.name,
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('protocol.noFaults')}</p>
            )}
            {reports && activityOpen && <FaultForm protocolId={p.id} onSaved={reload} />}
          </section>

          <section aria-labelledby="history-heading" className="card">
            <h2 id="history-heading">{t('protocol.history')}</h2>
            <ol className="timeline">
              {p.statusHistory.map((h) => (
                <li key={h.id}>
                  <strong>
                    {h.fromStatus
                      ? t('protocol.historyStep', {
                          from: t(`protocolStatus.${h.fromStatus}` as MessageKey),
                          to: t(`protocolStatus.${h.toStatus}` as MessageKey),
                        })
                      : t('protocol.created')}
                  </strong>{' '}
                  <span className="muted">{formatDateTime(h.changedAt, lang)}</span>
                  {h.reason && <p className="prose">{h.reason}</p>}
                </li>
              ))}
            </ol>
          </section>
        </Page>
      )}
    </QueryState>
  );
}

function Versions({ protocol }: { protocol: WorkProtocol }) {
  const { t, lang } = useLanguage();
  if (!protocol.versions.length) return null;
  return (
    <section aria-labelledby="versions-heading" className="card">
      <h2 id="versions-heading">{t('protocol.versions')}</h2>
      <ul className="plain-list">
        {[...protocol.versions].reverse().map((v) => (
          <li key={v.id}>
            <h3 className="criterion-name">
              {t('protocol.version', { number: v.versionNumber })} · {t(`reviewStatus.${v.reviewStatus}` as MessageKey)}
            </h3>
            <p className="muted">{t('protocol.submittedAt', { date: formatDateTime(v.submittedAt, lang) })}</p>
            <p>
              {t('protocol.hash')}: <Checksum value={v.contentHash} />
            </p>
            <p>
              {v.contentHashVerified ? (
                t('protocol.hashVerified')
              ) : (
                <strong className="error-text">{t('protocol.hashBroken')}</strong>
              )}
            </p>
            <p className="row">
              {v.reviewStatus === 'OPEN' && <Link to={`/granskning/${protocol.id}`}>{t('protocol.toReview')}</Link>}
              {v.decision && <Link to={`/beslut/${v.decision.id}`}>{t('protocol.decision')}</Link>}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

const STATUS_FIELDS = ['status', 'reason'] as const;

function StatusForm({ protocol, onChanged }: { protocol: WorkProtocol; onChanged: () => void }) {
  const { t } = useLanguage();
  const next: ProtocolStatus[] = protocol.allowedTransitions.filter((s) => BY_HAND.includes(s));
  const [to, setTo] = useState<ProtocolStatus | ''>('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const optional = useOptional();
  const form = useFormErrors(STATUS_FIELDS, {
    status: {
      label: t('protocol.nextStatus'),
      required: t('form.problem.choose', { label: t('protocol.nextStatus') }),
    },
    reason: { label: t('protocol.statusReason') },
  });
  const [state, change] = useMutation(ChangeStatus);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    // ChangeTestProtocolStatusInput: the status is required, the reason optional.
    if (!to) {
      form.show([problem('input.status', 'isDefined')]);
      return;
    }
    const result = await change({ input: { id: protocol.id, status: to, reason: reason.trim() || null } });
    if (form.show(result.error)) return;
    setDone(t('protocol.statusChanged', { status: t(`protocolStatus.${to}` as MessageKey) }));
    setTo('');
    setReason('');
    onChanged();
  };
  return (
    <section aria-labelledby="status-heading" className="card">
      <h2 id="status-heading">{t('protocol.statusChange')}</h2>
      {done && <Notice>{done}</Notice>}
      {next.length ? (
        <>
          <ErrorSummary messages={form.summary} />
          <form onSubmit={submit} noValidate className="stack narrow">
            <EnumSelect
              label={t('protocol.nextStatus')}
              values={next}
              labels="protocolStatus"
              value={to}
              onChange={(v) => {
                form.clearField('status');
                setTo(v);
              }}
              isRequired
              id={form.fieldId('status')}
              error={form.fieldError('status')}
            />
            <TextArea
              label={optional(t('protocol.statusReason'))}
              description={t('protocol.statusReasonHint')}
              value={reason}
              onChange={setReason}
              {...form.field('reason')}
            />
            <Button type="submit" variant="primary" isDisabled={state.fetching}>
              {t('protocol.statusSubmit')}
            </Button>
          </form>
        </>
      ) : (
        <p className="muted">{t('protocol.noTransitions')}</p>
      )}
    </section>
  );
}

const SUBMIT_FIELDS = ['id', 'handInReason'] as const;

interface Frozen {
  versionNumber: number;
  contentHash: string;
}

function SubmitForm({ protocolId, onSubmitted }: { protocolId: string; onSubmitted: (version: Frozen) => void }) {
  const { t } = useLanguage();
  const form = useFormErrors(SUBMIT_FIELDS, {
    handInReason: { label: t('evidence.reason'), required: t('evidence.reason.problem') },
  });
  // What the api finds missing, asked afresh each time the form shows (results may have come in meanwhile).
  const [gapsState] = useQuery({
    query: EvidenceGaps,
    variables: { id: protocolId },
    requestPolicy: 'network-only',
  });
  const gaps = gapsState.data?.testProtocolEvidenceGaps ?? [];
  const [reason, setReason] = useState('');
  const [state, submit] = useMutation(Submit);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (gaps.length && !reason.trim()) return form.show([problem('handInReason', 'isNotEmpty')]);
    const result = await submit({ id: protocolId, handInReason: reason.trim() || null });
    if (form.show(result.error)) return;
    onSubmitted(result.data!.submitTestProtocolForReview);
  };
  return (
    <section aria-labelledby="submit-heading" className="card">
      <h2 id="submit-heading">{t('protocol.submit')}</h2>
      <ErrorSummary messages={form.summary} />
      <p>{t('protocol.submitHint')}</p>
      {gapsState.data &&
        (gaps.length ? (
          <div className="evidence-warning">
            <h3>{t('evidence.title')}</h3>
            <GapList gaps={gaps} />
            <p className="muted">{t('evidence.intro')}</p>
          </div>
        ) : (
          <p>{t('evidence.none')}</p>
        ))}
      <form onSubmit={send} noValidate className="stack">
        {gaps.length > 0 && (
          <TextArea
            label={t('evidence.reason')}
            description={t('evidence.reasonHint')}
            isRequired
            value={reason}
            onChange={(v) => {
              form.clearField('handInReason');
              setReason(v);
            }}
            {...form.field('handInReason')}
          />
        )}
        <Button type="submit" variant="primary" isDisabled={state.fetching || gapsState.fetching}>
          {t('protocol.submit')}
        </Button>
      </form>
    </section>
  );
}
