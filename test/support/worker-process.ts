import { type ChildProcess, spawn } from 'node:child_process';

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
  output: () => string;
}

/**
 * Starts `apps/worker/src/main.ts` as a process of its own, as `npm run start:worker` would, on the test
 * file's database and queue prefix: for what only a real process shows (kill -9, SIGTERM).
 */
export function startWorkerProcess(env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', '@swc-node/register/esm-register', 'apps/worker/src/main.ts'],
    {
      env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, pid: child.pid!, exited, output: () => output };
}
