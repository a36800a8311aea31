// Whether Postgres and Redis answer where the tests would look for them (used by scripts/test.mjs).
import net from 'node:net';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function reachable(url, fallbackPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || fallbackPort), timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function probeServices(env = process.env) {
  const postgresUrl = env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const redisUrl = env.REDIS_URL ?? DEFAULT_REDIS_URL;
  return {
    postgres: { url: postgresUrl, up: await reachable(postgresUrl, 5432) },
    redis: { url: redisUrl, up: await reachable(redisUrl, 6379) },
  };
}
