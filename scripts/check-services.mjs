// Fails fast, with the commands to run, when Postgres or Redis is not reachable (used by `npm test`).
import net from 'node:net';

const HELP = {
  Postgres: 'docker compose up -d postgres   (or: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)',
  Redis: 'docker compose up -d redis   (or: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no)',
};

function reachable(url, fallbackPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || fallbackPort), timeout: 2000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}

const pgUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const missing = [];
if (!(await reachable(pgUrl, 5432))) missing.push(['Postgres', pgUrl]);
if (!(await reachable(redisUrl, 6379))) missing.push(['Redis', redisUrl]);
if (missing.length) {
  for (const [name, url] of missing) console.error(`${name} is not reachable at ${new URL(url).host}. Start it with:\n  ${HELP[name]}`);
  process.exit(1);
}
