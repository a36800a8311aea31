import { useEffect, useState } from 'react';
import { Button } from '@midas-ds/components/button';
import { useLanguage } from '../app/i18n.js';
import { isMessageKey, type MessageKey } from '../app/i18n/catalog.js';
import { session } from '../app/session.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDateTime } from '../app/format.js';
import { Loading, Page } from '../ui/Page.js';

interface Ready {
  status: string;
  queueBackend: 'redis' | 'postgres';
  checks: Record<string, { ok: boolean; error?: string }>;
  workers: { id: string; host: string; pid: number; startedAt: string; lastBeatAt: string; queues: string[] }[];
  lastHeartbeatAt: string | null;
}

/** The queues' health for node staff: what /ready answers (Postgres, the queue store, the live workers), refreshed every 30 s. */
export default function HealthPage() {
  const { t, lang } = useLanguage();
  const { hasRole } = useSession();
  const [boardFailed, setBoardFailed] = useState(false);
  const [ready, setReady] = useState<Ready | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = async () => {
      try {
        const response = await fetch('/ready');
        const body = (await response.json()) as Ready;
        if (live) {
          setReady(body);
          setFailed(false);
        }
      } catch {
        if (live) setFailed(true);
      }
    };
    void load();
    const timer = setInterval(load, 30_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  const queueName = (queue: string) =>
    isMessageKey(`health.queue.${queue}`) ? t(`health.queue.${queue}` as MessageKey) : queue;
  return (
    <Page title={t('health.title')}>
      {failed && <p role="alert">{t('app.error.network')}</p>}
      {hasRole('NODE_ADMIN') && (
        <p>
          <Button
            variant="secondary"
            onPress={async () => {
              setBoardFailed(false);
              // The board is a page of its own: it gets the session through a cookie for /drift/koer only.
              if (session.needsRefresh()) await session.refresh();
              const response = await fetch('/drift/koer/session', {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken ?? ''}` },
                body: '{}',
              }).catch(() => null);
              if (response?.ok) window.location.assign('/drift/koer');
              else setBoardFailed(true);
            }}
          >
            {t('health.openQueues')}
          </Button>{' '}
          {t('health.openQueuesHint')}
        </p>
      )}
      {boardFailed && <p role="alert">{t('health.openQueuesFailed')}</p>}
      {!ready ? (
        <Loading />
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('health.part')}</th>
              <th scope="col">{t('health.state')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(ready.checks)
              .filter(([name]) => name !== 'worker')
              .map(([name, check]) => (
                <tr key={name}>
                  <th scope="row">{t(`health.${name}` as 'health.postgres')}</th>
                  <td>{check.ok ? t('health.ok') : t('health.down', { error: check.error ?? '' })}</td>
                </tr>
              ))}
            <tr>
              <th scope="row">{t('health.worker')}</th>
              <td>
                {ready.workers.length
                  ? t('health.workerAlive', { at: formatDateTime(ready.lastHeartbeatAt, lang) })
                  : ready.lastHeartbeatAt
                    ? t('health.workerSilent', { at: formatDateTime(ready.lastHeartbeatAt, lang) })
                    : t('health.workerNone')}
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {ready && ready.workers.length > 0 && (
        <table className="data">
          <caption>{t('health.workers')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('health.host')}</th>
              <th scope="col">{t('health.startedAt')}</th>
              <th scope="col">{t('health.lastBeatAt')}</th>
              <th scope="col">{t('health.queues')}</th>
            </tr>
          </thead>
          <tbody>
            {ready.workers.map((worker) => (
              <tr key={worker.id}>
                <th scope="row">{`${worker.host} (${worker.pid})`}</th>
                <td>{formatDateTime(worker.startedAt, lang)}</td>
                <td>{formatDateTime(worker.lastBeatAt, lang)}</td>
                <td>{worker.queues.map(queueName).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
