import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { Checkbox } from '@midas-ds/components/checkbox';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDateTime } from '../app/format.js';
import { entityPath } from '../app/links.js';
import { ErrorSummary, Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { useApiMessages } from '../ui/useFormErrors.js';

const NotificationsQuery = graphql(`
  query Notifications($unreadOnly: Boolean!, $after: String) {
    myNotifications(unreadOnly: $unreadOnly, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        title
        body
        createdAt
        readAt
        entityType
        entityId
      }
    }
  }
`);

const MarkRead = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      id
      readAt
    }
  }
`);

const MarkAllRead = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);

export default function NotificationsPage() {
  const { t, lang } = useLanguage();
  const apiMessages = useApiMessages();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: NotificationsQuery,
    variables: { unreadOnly, after },
  });
  const [markState, markRead] = useMutation(MarkRead);
  const [allState, markAllRead] = useMutation(MarkAllRead);
  const failure = markState.error ?? allState.error;

  return (
    <Page
      title={t('notifications.title')}
      actions={
        <Button
          variant="secondary"
          onPress={async () => {
            await markAllRead({});
            refetch({ requestPolicy: 'network-only' });
          }}
          isDisabled={allState.fetching}
        >
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      <Checkbox
        isSelected={unreadOnly}
        onChange={(value) => {
          setUnreadOnly(value);
          setAfter(null);
        }}
      >
        {t('notifications.unreadOnly')}
      </Checkbox>
      {failure && <ErrorSummary messages={apiMessages(failure)} />}
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {data?.myNotifications.nodes.length ? (
          <ul className="notification-list">
            {data.myNotifications.nodes.map((n) => {
              const path = entityPath(n.entityType, n.entityId, n.kind);
              return (
                <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
                  <h2 className="notification-title">
                    {!n.readAt && <span className="visually-hidden">{t('notifications.unread')}: </span>}
                    {path ? <Link to={path}>{n.title}</Link> : n.title}
                  </h2>
                  <p>{n.body}</p>
                  <p className="muted">
                    <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, lang)}</time>
                  </p>
                  {!n.readAt && (
                    <Button variant="tertiary" onPress={() => markRead({ id: n.id })}>
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        ) : (
          <p>{t('notifications.none')}</p>
        )}
        {data?.myNotifications.pageInfo.hasNextPage && (
          <Button variant="secondary" onPress={() => setAfter(data.myNotifications.pageInfo.endCursor ?? null)}>
            {t('app.loadMore')}
          </Button>
        )}
      </QueryState>
    </Page>
  );
}
