import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface AppProcess {
  child: ChildProcess;
  exited: Promise<number | string>;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `apps/<app>/src/main.ts` as a process of its own from the sources, as `npm run start:<app>` would from a build. */
export function startAppProcess(app: 'api' | 'worker', env: Record<string, string>): AppProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', '@swc-node/register/esm-register', `apps/${app}/src/main.ts`],
    { env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000)));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    child,
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** GraphQL over real HTTP, for api processes the test did not boot itself. */
export async function httpGql(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ data?: Record<string, any> | null; errors?: { message: string; extensions: Record<string, any> }[] }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}
