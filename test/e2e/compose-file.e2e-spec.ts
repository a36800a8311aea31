import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { AppConfig } from '#core';

const exec = promisify(execFile);
const hasCompose = (() => {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Read only by the CLI, never by the api or the worker: not for the compose file's services. */
const CLI_ONLY = new Set(['NODEN_PASSWORD', 'PG_BIN_DIR']);

/** Every variable the configuration schema reads (recorded while it reads), plus those the apps read directly. */
function variablesTheAppsRead(): string[] {
  const read = new Set<string>();
  const env = new Proxy(
    {},
    {
      get: (_target, key) => {
        if (typeof key === 'string') read.add(key);
        return undefined;
      },
    },
  );
  try {
    AppConfig.fromEnv(env);
  } catch {
    // An empty environment is invalid; what matters is which names it asked for.
  }
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return files(path);
      return path.endsWith('.ts') && !/\.(spec|int-spec)\.ts$/.test(path) ? [path] : [];
    });
  const sources = [
    'apps/api/src',
    'apps/worker/src',
    'apps/cli/src',
    ...readdirSync('libs').map((l) => `libs/${l}/src`),
  ];
  for (const file of sources.flatMap(files))
    for (const match of readFileSync(file, 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) read.add(match[1]);
  return [...read].filter((name) => !CLI_ONLY.has(name)).sort();
}

async function composeConfig(env: Record<string, string>): Promise<any> {
  const { stdout } = await exec('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    env: { PATH: process.env.PATH!, ...env },
  });
  return parse(stdout);
}

/** No container engine runs here; Debian's docker-compose still validates and resolves the file (`config`). */
(hasCompose ? describe : describe.skip)('docker-compose.yml', () => {
  const secret = 'compose-test-secret-0123456789abcdef0123';

  it('is valid, and sets or defaults every variable the api and the worker read', async () => {
    const config = await composeConfig({ JWT_SECRET: secret });
    expect(Object.keys(config.services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
    const variables = variablesTheAppsRead();
    expect(variables).toEqual(expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'METRICS_TOKEN', 'LOG_LEVEL']));
    for (const service of ['api', 'worker', 'migrate']) {
      const missing = variables.filter((name) => !(name in config.services[service].environment));
      expect({ service, missing }).toEqual({ service, missing: [] });
    }
    expect(config.services.api.environment.NODE_ENV).toBe('production');
    expect(config.services.worker.environment.METRICS_PORT).toMatch(/^\d+$/);
  });

  it('keeps the queues in Postgres with QUEUE_BACKEND=postgres, and refuses to start without JWT_SECRET', async () => {
    const config = await composeConfig({ JWT_SECRET: secret, QUEUE_BACKEND: 'postgres' });
    expect(config.services.api.environment.QUEUE_BACKEND).toBe('postgres');
    await expect(composeConfig({})).rejects.toMatchObject({ stderr: expect.stringContaining('JWT_SECRET') });
  });
});
