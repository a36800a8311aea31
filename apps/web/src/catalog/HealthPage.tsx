import { useEffect, useState } from 'react';
import { useLanguage } from '../app/i18n.js';
import { formatDateTime } from '../app/format.js';
import { Loading, Page } from '../ui/Page.js';

interface Ready {
  status: string;
  checks: Record<string, { ok: boolean; error?: string }>;
  worker: { lastHeartbeatAt: string | null; alive: boolean };
}

/** The queues' health for node staff: what /ready answers (Postgres, Redis, the worker's heartbeat), refreshed every 30 s. */
export default function HealthPage() {
  const { t, lang } = useLanguage();
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
  return (
    <Page title={t('health.title')}>
      {failed && <p role="alert">{t('app.error.network')}</p>}
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
            {Object.entries(ready.checks).map(([name, check]) => (
              <tr key={name}>
                <th scope="row">{t(`health.${name}` as 'health.postgres')}</th>
                <td>{check.ok ? t('health.ok') : t('health.down', { error: check.error ?? '' })}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('health.worker')}</th>
              <td>{ready.worker.alive ? t('health.workerAlive', { at: formatDateTime(ready.worker.lastHeartbeatAt, lang) }) : t('health.workerSilent', { at: formatDateTime(ready.worker.lastHeartbeatAt, lang) })}</td>
            </tr>
          </tbody>
        </table>
      )}
    </Page>
  );
}
