import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** A GraphQL request over HTTP, with the statement count the api reports outside production. */
  gql(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ data?: any; errors?: { extensions: Record<string, any> }[]; sqlStatements: number }>;
  stop(): Promise<void>;
}

/**
 * Starts `apps/api/src/main.ts` as a process of its own on the test file's database (as a second replica behind
 * a load balancer would run), and waits until it answers /health.
 */
export async function startApiProcess(env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', '@swc-node/register/esm-register', 'apps/api/src/main.ts'],
    {
      env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`api process ended: ${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error(`api process did not come up: ${output}`);
    await sleep(100);
  }
  return {
    child,
    url,
    output: () => output,
    async gql(query, variables = {}, token) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: any[] };
      return { ...body, sqlStatements: Number(response.headers.get('x-sql-statements') ?? -1) };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
