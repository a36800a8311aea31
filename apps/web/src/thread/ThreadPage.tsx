import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql, type ResultOf } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate } from '../app/format.js';
import { isMessageKey, type MessageKey } from '../app/i18n/catalog.js';
import { Page } from '../ui/Page.js';
import { isNotFound, NotVisible } from '../ui/NotVisible.js';
import { QueryState } from '../ui/QueryState.js';

const TraceQuery = graphql(`
  query Trace($entityType: ThreadEntityType!, $id: ID!) {
    trace(entityType: $entityType, id: $id) {
      nodes {
        entityType
        id
        title
        status
        startedOn
        endsOn
        organizations {
          id
          name
        }
        followUps {
          wave
          dueOn
          status
          answeredAt
          continuedUse
        }
      }
      edges {
        from
        to
        kind
      }
      municipalities {
        id
        name
      }
    }
  }
`);

type TraceNode = ResultOf<typeof TraceQuery>['trace']['nodes'][number];
type EntityType = TraceNode['entityType'];

/** Where each step of the thread lives in the web app. */
export function threadStepPath(entityType: EntityType, id: string): string {
  switch (entityType) {
    case 'NEED':
      return `/behov/${id}`;
    case 'TEST_PROTOCOL':
      return `/testprotokoll/${id}`;
    case 'TEST_DECISION':
      return `/beslut/${id}`;
    case 'PROCUREMENT':
      return `/upphandlingar/${id}`;
    case 'FRAMEWORK_AGREEMENT':
    case 'CALL_OFF':
      return `/ramavtal/${id}`;
    case 'IMPLEMENTATION':
      return `/inforanden/${id}`;
  }
}

const ORDER: EntityType[] = [
  'NEED',
  'TEST_PROTOCOL',
  'TEST_DECISION',
  'PROCUREMENT',
  'FRAMEWORK_AGREEMENT',
  'CALL_OFF',
  'IMPLEMENTATION',
];
/** Where a thread stops: a need declined or merged, a test advised against, a procurement cancelled. */
const ENDS: Partial<Record<EntityType, readonly string[]>> = {
  NEED: ['DECLINED', 'MERGED'],
  TEST_DECISION: ['DO_NOT_RECOMMEND'],
  PROCUREMENT: ['CANCELLED'],
};

/** The stages after the furthest one reached, so the reader sees where the thread stands and what comes next. */
function stagesToCome(nodes: readonly TraceNode[]): (EntityType | 'FOLLOW_UP')[] {
  if (!nodes.length) return [];
  const furthest = Math.max(...nodes.map((n) => ORDER.indexOf(n.entityType)));
  const last = nodes.filter((n) => ORDER.indexOf(n.entityType) === furthest);
  if (
    nodes.some((n) => n.entityType === 'NEED' && ENDS.NEED!.includes(n.status)) ||
    last.every((n) => ENDS[n.entityType]?.includes(n.status))
  )
    return [];
  return [
    ...ORDER.slice(furthest + 1).filter((kind) => kind !== 'CALL_OFF'),
    ...(nodes.some((n) => n.entityType === 'IMPLEMENTATION') ? [] : ['FOLLOW_UP' as const]),
  ];
}

/**
 * The thread around any step, from need to the 12/24-month outcome, as an ordered timeline (a list a screen reader
 * reads in order, rather than a graph drawing): each step a link, follow-up outcomes under their implementation.
 */
export default function ThreadPage() {
  const { entityType, id } = useParams();
  const { t, lang } = useLanguage();
  const valid = ORDER.includes(entityType as EntityType);
  const [{ data, fetching, error }] = useQuery({
    query: TraceQuery,
    variables: { entityType: entityType as EntityType, id: id! },
    pause: !valid,
  });
  const nodes = data?.trace.nodes ?? [];
  // A call-off has no page of its own: it links to its agreement, found through the edge that leads to it.
  const agreementOf = (callOffId: string) =>
    data?.trace.edges.find((e) => e.to === callOffId && e.kind === 'AGREEMENT_CALLED_OFF')?.from;
  const pathOf = (node: TraceNode) =>
    node.entityType === 'CALL_OFF'
      ? agreementOf(node.id)
        ? `/ramavtal/${agreementOf(node.id)}`
        : null
      : threadStepPath(node.entityType, node.id);
  if (isNotFound(error)) return <NotVisible kind="thread" />;
  return (
    <Page title={t('thread.title')}>
      {!valid ? (
        <p>{t('app.notFound.body')}</p>
      ) : (
        <QueryState fetching={fetching} error={error} hasData={!!data}>
          <p className="muted">{t('thread.intro')}</p>
          {data && data.trace.municipalities.length > 0 && (
            <p>{t('thread.municipalities', { names: data.trace.municipalities.map((m) => m.name).join(', ') })}</p>
          )}
          <ol className="thread-timeline">
            {nodes.map((node) => {
              const path = pathOf(node);
              const current = node.id === id;
              return (
                <li
                  key={`${node.entityType}-${node.id}`}
                  className={`thread-step${current ? ' current' : ''}`}
                  aria-current={current ? 'step' : undefined}
                >
                  <p className="thread-kind">{t(`thread.kind.${node.entityType}` as MessageKey)}</p>
                  <h2 className="thread-title">{path ? <Link to={path}>{node.title}</Link> : node.title}</h2>
                  <p className="muted">
                    {statusLabel(node, t)}
                    {node.startedOn && ` · ${formatDate(node.startedOn, lang)}`}
                    {node.endsOn && ` – ${formatDate(node.endsOn, lang)}`}
                    {node.organizations.length > 0 && ` · ${node.organizations.map((o) => o.name).join(', ')}`}
                  </p>
                  {node.followUps.length > 0 && (
                    <ul className="plain-list">
                      {node.followUps.map((f) => (
                        <li key={f.wave}>
                          <strong>{t('followUp.wave', { months: f.wave })}</strong>:{' '}
                          {t(`followUpStatus.${f.status}` as MessageKey)}
                          {f.answeredAt
                            ? ` ${formatDate(f.answeredAt, lang)}`
                            : ` (${t('followUp.due', { date: formatDate(f.dueOn, lang) })})`}
                          {f.continuedUse !== null &&
                            ` · ${f.continuedUse ? t('thread.stillInUse') : t('thread.notInUse')}`}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
            {stagesToCome(nodes).map((kind) => (
              <li key={`to-come-${kind}`} className="thread-step to-come">
                <p className="thread-kind">{t(`thread.kind.${kind}` as MessageKey)}</p>
                <p className="muted">{t('thread.toCome')}</p>
              </li>
            ))}
          </ol>
        </QueryState>
      )}
    </Page>
  );
}

const STATUS_PREFIX: Partial<Record<EntityType, string>> = {
  NEED: 'needStatus',
  PROCUREMENT: 'procurementStatus',
  FRAMEWORK_AGREEMENT: 'procurementStatus',
  IMPLEMENTATION: 'implementationStatus',
  TEST_DECISION: 'recommendation',
  TEST_PROTOCOL: 'thread.testStatus',
  CALL_OFF: 'thread.callOffStatus',
};

function statusLabel(node: TraceNode, t: (key: MessageKey) => string): string {
  const prefix = STATUS_PREFIX[node.entityType];
  const key = `${prefix}.${node.status}`;
  return prefix && isMessageKey(key) ? t(key) : node.status;
}
