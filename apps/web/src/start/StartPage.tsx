import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDate } from '../app/format.js';
import { Page } from '../ui/Page.js';
import { translateCount } from '../app/i18n/catalog.js';
import { QueryState } from '../ui/QueryState.js';
import { StatusTag } from '../ui/StatusTag.js';

/** One request for everything the start page shows; each part only for the roles it concerns. */
const AttentionQuery = graphql(`
  query Attention($coach: Boolean!, $steering: Boolean!, $staff: Boolean!, $coordinator: Boolean!) {
    myNotifications(unreadOnly: true, first: 1) {
      totalCount
    }
    overdueFollowUps: followUps(status: OVERDUE, first: 1) @include(if: $coordinator) {
      totalCount
    }
    openFollowUps: followUps(status: OPEN, first: 1) @include(if: $coordinator) {
      totalCount
    }
    procurements(openForMyOrganization: true, first: 1) @include(if: $coordinator) {
      totalCount
    }
    myNeeds(first: 5) @include(if: $coach) {
      totalCount
      nodes {
        id
        title
        status
        statusChangedAt
      }
    }
    reviewQueue(first: 1) @include(if: $steering) {
      totalCount
    }
    needs(statuses: [NEW], first: 1) @include(if: $staff) {
      totalCount
    }
    tendering: procurements(status: TENDERING, first: 1) @include(if: $staff) {
      totalCount
    }
  }
`);

const ATTENTION_CONTEXT = {
  additionalTypenames: [
    'Notification',
    'Need',
    'TestProtocol',
    'FollowUp',
    'Participation',
    'Procurement',
    'FrameworkAgreement',
  ],
};

export function StartPage() {
  const { t, lang } = useLanguage();
  const { me, hasRole } = useSession();
  const coach = hasRole('TECH_COACH');
  const steering = hasRole('STEERING_MEMBER');
  const staff = hasRole('NODE_STAFF', 'NODE_ADMIN');
  const coordinator = hasRole('MUNICIPALITY_COORDINATOR');
  const [{ data, fetching, error }] = useQuery({
    query: AttentionQuery,
    variables: { coach, steering, staff, coordinator },
    context: ATTENTION_CONTEXT,
  });
  const items: { key: string; text: string; to: string }[] = [];
  if (data?.myNotifications.totalCount)
    items.push({
      key: 'unread',
      text: translateCount(lang, 'start.unread', data.myNotifications.totalCount),
      to: '/aviseringar',
    });
  if (data?.reviewQueue?.totalCount)
    items.push({
      key: 'review',
      text: translateCount(lang, 'start.steering.queue', data.reviewQueue.totalCount),
      to: '/granskning',
    });
  if (data?.overdueFollowUps?.totalCount)
    items.push({
      key: 'overdue',
      text: translateCount(lang, 'start.coordinator.overdue', data.overdueFollowUps.totalCount),
      to: '/uppfoljningar',
    });
  if (data?.openFollowUps?.totalCount)
    items.push({
      key: 'open',
      text: translateCount(lang, 'start.coordinator.open', data.openFollowUps.totalCount),
      to: '/uppfoljningar',
    });
  if (data?.procurements?.totalCount)
    items.push({
      key: 'join',
      text: translateCount(lang, 'start.coordinator.procurements', data.procurements.totalCount),
      to: '/upphandlingar',
    });
  if (data?.needs?.totalCount)
    items.push({ key: 'inbox', text: translateCount(lang, 'start.staff.inbox', data.needs.totalCount), to: '/inkorg' });
  if (data?.tendering?.totalCount)
    items.push({
      key: 'award',
      text: translateCount(lang, 'start.staff.tendering', data.tendering.totalCount),
      to: '/upphandlingar',
    });

  return (
    <Page title={t('start.title', { name: me?.displayName ?? '' })}>
      <p className="muted">{t('start.roles', { roles: (me?.roles ?? []).map((r) => t(`role.${r}`)).join(', ') })}</p>
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        <section aria-labelledby="attention-heading" className="card">
          <h2 id="attention-heading">{t('start.attention')}</h2>
          {items.length ? (
            <ul className="attention-list">
              {items.map((item) => (
                <li key={item.key}>
                  <Link to={item.to}>{item.text}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('start.nothing')}</p>
          )}
        </section>
        {coach && data?.myNeeds && (
          <section aria-labelledby="my-needs-heading" className="card">
            <h2 id="my-needs-heading">{t('start.coach.needs')}</h2>
            <p>
              <Link to="/behov/nytt" className="primary-link">
                {t('start.coach.report')}
              </Link>
            </p>
            {data.myNeeds.nodes.length ? (
              <ul className="plain-list">
                {data.myNeeds.nodes.map((need) => (
                  <li key={need.id}>
                    <Link to={`/behov/${need.id}`}>{need.title}</Link> <StatusTag status={need.status} />{' '}
                    <span className="muted">{formatDate(need.statusChangedAt, lang)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('app.empty')}</p>
            )}
          </section>
        )}
      </QueryState>
    </Page>
  );
}
