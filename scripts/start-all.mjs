// Runs the api and the worker from the build as two processes; a signal stops both, and if one dies the other is
// stopped. Without DATABASE_URL it first starts the embedded Postgres, which it owns and stops last.
// `--prepare` runs migrations and the seed before (what `npm start` does).
import { spawn } from 'node:child_process';
import { prepareLocalEnv } from './local-env.mjs';
import { PRODUCTION_ENV, PRODUCTION_NODE_ARGS } from './runtime-flags.mjs';

// The IPC channel lets api and worker notice when this process dies, even by kill -9, and shut down too.
const run = (args, env, ipc = false) =>
  spawn(process.execPath, [...PRODUCTION_NODE_ARGS, ...args], {
    stdio: ['inherit', 'inherit', 'inherit', ...(ipc ? ['ipc'] : [])],
    env: { ...PRODUCTION_ENV, ...env },
  });
const finished = (child) =>
  new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

let local;
try {
  local = await prepareLocalEnv();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
let stopping = false;
let children = [];
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
  if (children.length === 0) void local.stop().then(() => process.exit(process.exitCode ?? 1));
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));

if (process.argv.includes('--prepare')) {
  for (const step of [
    ['dist/apps/cli/src/main.js', 'migrate'],
    ['dist/apps/cli/src/main.js', 'seed'],
  ]) {
    const code = await finished((children = [run(step, local.env)])[0]);
    children = [];
    if (stopping) break;
    if (code !== 0) {
      process.exitCode = code;
      stop('SIGTERM');
      break;
    }
  }
  if (stopping) {
    await local.stop();
    process.exit(process.exitCode ?? 1);
  }
}

if (!stopping) {
  children = ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'].map((entry) =>
    run([entry], local.env, true),
  );
  let exited = 0;
  for (const child of children) {
    child.on('exit', async (code) => {
      exited += 1;
      if (!stopping) {
        process.exitCode = code || 1;
        stop('SIGTERM');
      }
      if (exited === children.length) {
        await local.stop();
        process.exit(process.exitCode ?? 0);
      }
    });
  }
}
