import { useEffect, useState } from 'react';
import { Button } from '@midas-ds/components/button';
import { useLanguage } from '../app/i18n.js';
import { isMessageKey, type MessageKey } from '../app/i18n/catalog.js';
import { session } from '../app/session.js';
import { useSession } from '../app/SessionProvider.js';
import { formatDateTime } from '../app/format.js';
import { Loading, Page } from '../ui/Page.js';
import { ListTable } from '../ui/ListCard.js';

interface Peer {
  nodeId: string;
  name: string;
  trusted: boolean;
  inRegistry: boolean;
  lastSuccessAt: string | null;
  lagSeconds: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  failures: number;
}

interface Ready {
  status: string;
  queueBackend: 'redis' | 'postgres';
  checks: Record<string, { ok: boolean; error?: string; enabled?: boolean; peers?: Peer[] }>;
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
                  <td>
                    {check.enabled === false
                      ? t('health.federationOff')
                      : check.ok
                        ? t('health.ok')
                        : t('health.down', { error: check.error ?? '' })}
                  </td>
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
        <ListTable
          caption={t('health.workers')}
          items={ready.workers}
          rowKey={(worker) => worker.id}
          empty={null}
          columns={[
            { header: t('health.host'), rowHeader: true, cell: (worker) => `${worker.host} (${worker.pid})` },
            { header: t('health.startedAt'), cell: (worker) => formatDateTime(worker.startedAt, lang) },
            { header: t('health.lastBeatAt'), cell: (worker) => formatDateTime(worker.lastBeatAt, lang) },
            { header: t('health.queues'), cell: (worker) => worker.queues.map(queueName).join(', ') },
          ]}
        />
      )}
      {ready?.checks.federation?.peers?.length ? (
        <ListTable
          caption={t('health.peers')}
          items={ready.checks.federation.peers}
          rowKey={(peer) => peer.nodeId}
          empty={null}
          columns={[
            {
              header: t('health.part'),
              rowHeader: true,
              cell: (peer) =>
                `${peer.name}${!peer.trusted || !peer.inRegistry ? ` (${t('health.peerNotTrusted')})` : ''}`,
            },
            {
              header: t('health.peerLastSuccess'),
              cell: (peer) => (peer.lastSuccessAt ? formatDateTime(peer.lastSuccessAt, lang) : t('health.never')),
            },
            {
              header: t('health.peerLag'),
              cell: (peer) =>
                peer.lagSeconds === null ? '–' : t('health.peerLagSeconds', { seconds: peer.lagSeconds }),
            },
            {
              header: t('health.peerError'),
              cell: (peer) =>
                peer.lastError
                  ? `${peer.lastError} (${formatDateTime(peer.lastErrorAt, lang)}, ${peer.failures}×)`
                  : '–',
            },
          ]}
        />
      ) : null}
    </Page>
  );
}
