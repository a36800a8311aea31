import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { Button } from '@midas-ds/components/button';
import { DialogTrigger, Modal } from '@midas-ds/components/modal';
import { TextArea } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatDate, formatNumber } from '../app/format.js';
import type { MessageKey } from '../app/i18n/catalog.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { StatusTag } from '../ui/StatusTag.js';
import { useFormErrors, useApiMessages } from '../ui/useFormErrors.js';
import { LoadMore } from '../ui/ListCard.js';
import { useConnection } from '../ui/useConnection.js';

const Inbox = graphql(`
  query TriageInbox($first: Int, $after: String) {
    needs(statuses: [NEW], first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        description
        createdAt
        setting
        targetGroup
        urgency
        peopleAffected
        organization {
          id
          name
        }
        category {
          labelSv
          labelEn
        }
        possibleDuplicates {
          score
          need {
            id
            title
            status
            endorsementCount
            organization {
              id
              name
            }
          }
        }
      }
    }
  }
`);

const ChangeStatus = graphql(`
  mutation TriageNeed($input: ChangeNeedStatusInput!) {
    changeNeedStatus(input: $input) {
      id
      status
      statusReason
    }
  }
`);

const Merge = graphql(`
  mutation MergeNeed($input: MergeNeedInput!) {
    mergeNeed(input: $input) {
      id
      title
      endorsementCount
    }
  }
`);

const INBOX_CONTEXT = { additionalTypenames: ['Need'] };

/** A reason asked for in a dialog (decline, merge); errors stay in the dialog with what was typed. */
function ReasonDialog({
  trigger,
  title,
  label,
  confirm,
  onConfirm,
}: {
  trigger: string;
  title: string;
  label: string;
  confirm: string;
  onConfirm: (reason: string) => Promise<{ error?: never } | { error: import('urql').CombinedError | undefined }>;
}) {
  const { t } = useLanguage();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(['reason']);
  return (
    <DialogTrigger>
      <Button variant="secondary">{trigger}</Button>
      <Modal title={title} isDismissable>
        {({ state }) => (
          <form
            className="stack"
            noValidate
            onSubmit={async (event: FormEvent) => {
              event.preventDefault();
              setBusy(true);
              const result = await onConfirm(reason);
              setBusy(false);
              if (!form.show(result.error)) state.close();
            }}
          >
            <ErrorSummary messages={form.summary} />
            <TextArea
              label={label}
              isRequired
              value={reason}
              onChange={setReason}
              {...form.field('reason')}
              autoFocus
            />
            <div className="row">
              <Button type="submit" variant="primary" isDisabled={busy}>
                {confirm}
              </Button>
              <Button variant="tertiary" onPress={() => state.close()}>
                {t('app.cancel')}
              </Button>
            </div>
          </form>
        )}
      </Modal>
    </DialogTrigger>
  );
}

/** Node staff: the NEW needs of the county with their likely duplicates; triage, decline with a reason, or merge. */
export default function TriageInboxPage() {
  const { t, lang } = useLanguage();
  const apiMessages = useApiMessages();
  const [done, setDone] = useState<string | null>(null);
  const list = useConnection({ query: Inbox, variables: {}, context: INBOX_CONTEXT, pick: (data) => data.needs });
  const [triageState, changeStatus] = useMutation(ChangeStatus);
  const [, merge] = useMutation(Merge);
  const failure = triageState.error;

  const act = async (title: string, status: 'TRIAGED' | 'DECLINED', needId: string, reason?: string) => {
    const result = await changeStatus({ input: { needId, status, reason: reason ?? null } });
    if (!result.error) setDone(t(`triage.done.${status}`, { title }));
    return { error: result.error };
  };

  return (
    <Page title={t('triage.title')}>
      <p>{t('triage.intro')}</p>
      {done && <Notice>{done}</Notice>}
      {failure && <ErrorSummary messages={apiMessages(failure)} />}
      <QueryState fetching={list.fetching} error={list.error} hasData={list.hasData}>
        {list.nodes.length ? (
          <ul className="need-list">
            {list.nodes.map((need) => (
              <li key={need.id} className="card">
                <h2 className="need-title">
                  <Link to={`/behov/${need.id}`}>{need.title}</Link>
                </h2>
                <p className="muted">
                  {need.organization.name} · {formatDate(need.createdAt, lang)} ·{' '}
                  {t(`setting.${need.setting}` as MessageKey)} · {t(`urgency.${need.urgency}` as MessageKey)} ·{' '}
                  {t('need.peopleAffected')}:{' '}
                  {need.peopleAffected == null ? t('need.people.unknown') : formatNumber(need.peopleAffected, lang)}
                </p>
                <p className="prose clamp">{need.description}</p>
                <section aria-label={`${t('triage.duplicates')}: ${need.title}`}>
                  <h3>{t('triage.duplicates')}</h3>
                  {need.possibleDuplicates?.length ? (
                    <ul className="plain-list">
                      {need.possibleDuplicates.map((d) => (
                        <li key={d.need.id}>
                          <Link to={`/behov/${d.need.id}`}>{d.need.title}</Link> <StatusTag status={d.need.status} />{' '}
                          <span className="muted">
                            {d.need.organization.name} ·{' '}
                            {t('triage.similarity', { score: formatNumber(Math.round(d.score * 100), lang) })}
                          </span>
                          <div>
                            <ReasonDialog
                              trigger={t('triage.mergeInto', { title: d.need.title })}
                              title={t('triage.mergeInto', { title: d.need.title })}
                              label={t('triage.mergeReason')}
                              confirm={t('triage.mergeConfirm')}
                              onConfirm={async (reason) => {
                                const result = await merge({
                                  input: { needId: need.id, intoNeedId: d.need.id, reason },
                                });
                                if (!result.error) setDone(t('triage.done.MERGED', { title: need.title }));
                                return { error: result.error };
                              }}
                            />
                          </div>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted">{t('triage.noDuplicates')}</p>
                  )}
                </section>
                <div className="row actions">
                  <Button
                    variant="primary"
                    onPress={() => act(need.title, 'TRIAGED', need.id)}
                    isDisabled={triageState.fetching}
                  >
                    {t('triage.accept')}
                  </Button>
                  <ReasonDialog
                    trigger={t('triage.decline')}
                    title={`${t('triage.decline')}: ${need.title}`}
                    label={t('triage.declineReason')}
                    confirm={t('triage.declineConfirm')}
                    onConfirm={(reason) => act(need.title, 'DECLINED', need.id, reason)}
                  />
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('triage.none')}</p>
        )}
        <LoadMore list={list} />
      </QueryState>
    </Page>
  );
}
