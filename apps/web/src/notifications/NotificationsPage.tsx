import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { Button } from '@midas-ds/components/button';
import { Checkbox } from '@midas-ds/components/checkbox';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDateTime } from '../app/format.js';
import { entityPath } from '../app/links.js';
import { ErrorSummary, Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { useApiMessages } from '../ui/useFormErrors.js';
import { LoadMore } from '../ui/ListCard.js';
import { useConnection } from '../ui/useConnection.js';

const NotificationsQuery = graphql(`
  query Notifications($unreadOnly: Boolean!, $first: Int, $after: String) {
    myNotifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
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
  const list = useConnection({
    query: NotificationsQuery,
    variables: { unreadOnly },
    pick: (data) => data.myNotifications,
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
            list.refetch({ requestPolicy: 'network-only' });
          }}
          isDisabled={allState.fetching}
        >
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      <Checkbox isSelected={unreadOnly} onChange={setUnreadOnly}>
        {t('notifications.unreadOnly')}
      </Checkbox>
      {failure && <ErrorSummary messages={apiMessages(failure)} />}
      <QueryState fetching={list.fetching} error={list.error} hasData={list.hasData}>
        {list.nodes.length ? (
          <ul className="notification-list">
            {list.nodes.map((n) => {
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
        <LoadMore list={list} />
      </QueryState>
    </Page>
  );
}
