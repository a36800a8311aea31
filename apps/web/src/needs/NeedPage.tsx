import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate, formatDateTime, formatNumber } from '../app/format.js';
import { entityPath } from '../app/links.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { isNotFound, NotVisible } from '../ui/NotVisible.js';
import { QueryState } from '../ui/QueryState.js';
import { StatusTag } from '../ui/StatusTag.js';
import { useApiMessages } from '../ui/useFormErrors.js';

const NeedQuery = graphql(`
  query Need($id: ID!) {
    need(id: $id) {
      id
      title
      description
      status
      statusReason
      createdAt
      urgency
      setting
      targetGroup
      hardToReach
      peopleAffected
      endorsementCount
      followedByMe
      category {
        key
        labelSv
        labelEn
      }
      organization {
        id
        name
      }
      reporter {
        id
        displayName
      }
      mergedInto {
        id
        title
      }
      endorsements {
        id
        organization {
          id
          name
        }
        peopleAffected
        createdAt
      }
      history {
        id
        fromStatus
        toStatus
        reason
        changedAt
        linkEntityType
        linkEntityId
      }
    }
  }
`);

const Follow = graphql(`
  mutation FollowNeed($needId: ID!) {
    followNeed(needId: $needId) {
      id
      followedByMe
    }
  }
`);

const Unfollow = graphql(`
  mutation UnfollowNeed($needId: ID!) {
    unfollowNeed(needId: $needId) {
      id
      followedByMe
    }
  }
`);

/** A need and what became of it: each status change with the test, procurement or implementation that moved it. */
export default function NeedPage() {
  const { id } = useParams();
  const { t, lang } = useLanguage();
  const apiMessages = useApiMessages();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [{ data, fetching, error }] = useQuery({ query: NeedQuery, variables: { id: id! } });
  const need = data?.need;
  const [followState, follow] = useMutation(Follow);
  const [unfollowState, unfollow] = useMutation(Unfollow);
  const followError = followState.error ?? unfollowState.error;
  if (isNotFound(error)) return <NotVisible kind="need" />;
  return (
    <QueryState fetching={fetching} error={error} hasData={!!need}>
      {need && (
        <Page title={need.title}>
          {notice && <Notice>{notice}</Notice>}
          <p>
            <StatusTag status={need.status} />
            {need.mergedInto && (
              <>
                {' '}
                {t('need.mergedInto')} <Link to={`/behov/${need.mergedInto.id}`}>{need.mergedInto.title}</Link>
              </>
            )}
          </p>
          <div className="row follow-row">
            {need.followedByMe ? (
              <>
                <span>{t('need.following')}</span>
                <Button
                  variant="tertiary"
                  onPress={() => unfollow({ needId: need.id })}
                  isDisabled={unfollowState.fetching}
                >
                  {t('need.unfollow')}
                </Button>
              </>
            ) : (
              <Button variant="secondary" onPress={() => follow({ needId: need.id })} isDisabled={followState.fetching}>
                {t('need.follow')}
              </Button>
            )}
          </div>
          {followError && <ErrorSummary messages={apiMessages(followError)} />}
          <p className="need-description">{need.description}</p>
          <dl className="facts card">
            <dt>{t('need.reportedOn')}</dt>
            <dd>{formatDate(need.createdAt, lang)}</dd>
            <dt>{t('report.field.setting')}</dt>
            <dd>{t(`setting.${need.setting}` as MessageKey)}</dd>
            <dt>{t('report.field.targetGroup')}</dt>
            <dd>{t(`targetGroup.${need.targetGroup}` as MessageKey)}</dd>
            <dt>{t('report.field.urgency')}</dt>
            <dd>{t(`urgency.${need.urgency}` as MessageKey)}</dd>
            <dt>{t('need.category')}</dt>
            <dd>{need.category ? (lang === 'en' ? need.category.labelEn : need.category.labelSv) : '–'}</dd>
            <dt>{t('need.peopleAffected')}</dt>
            <dd>{need.peopleAffected == null ? t('need.people.unknown') : formatNumber(need.peopleAffected, lang)}</dd>
            <dt>{t('need.endorsements')}</dt>
            <dd>{need.endorsements.length ? need.endorsements.map((e) => e.organization.name).join(', ') : '–'}</dd>
          </dl>
          <p>
            <Link to={`/traad/NEED/${need.id}`}>{t('thread.showThread')}</Link>
          </p>
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t('need.history')}</h2>
            <ol className="timeline">
              <li>
                <strong>{t('need.history.reported')}</strong>{' '}
                <time dateTime={need.createdAt}>{formatDateTime(need.createdAt, lang)}</time>
              </li>
              {need.history
                .filter((change) => change.fromStatus !== null || change.toStatus !== 'NEW')
                .map((change) => {
                  const path = entityPath(change.linkEntityType, change.linkEntityId);
                  return (
                    <li key={change.id}>
                      <StatusTag status={change.toStatus} />{' '}
                      <time dateTime={change.changedAt}>{formatDateTime(change.changedAt, lang)}</time>
                      {change.reason && <p>{change.reason}</p>}
                      {path && change.linkEntityType && (
                        <p>
                          <Link to={path}>{t(`need.history.link.${change.linkEntityType}` as MessageKey)}</Link>
                        </p>
                      )}
                    </li>
                  );
                })}
            </ol>
          </section>
        </Page>
      )}
    </QueryState>
  );
}
