import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';

const exec = promisify(execFile);
const asRoot = process.getuid?.() === 0;

/**
 * `npm start` as root in a clone under a private folder (/root is mode 700): the embedded Postgres would run as
 * the `postgres` user, who cannot get there. The start stops with one sentence saying what to do, no stack trace.
 */
(asRoot ? describe : describe.skip)('starting as root in a folder the postgres user cannot enter', () => {
  const home = mkdtempSync(join(tmpdir(), 'noden-root-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('stops with one sentence naming the folder and what to do', async () => {
    chmodSync(home, 0o700);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_OPTIONS: '',
      EMBEDDED_POSTGRES_DIR: join(home, 'noden', '.noden', 'postgres'),
    };
    delete env.DATABASE_URL;
    delete env.NODE_ENV;
    const failure = await exec(process.execPath, ['scripts/with-database.mjs', '-e', 'process.exit(0)'], { env }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    const lines = failure!.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`cannot enter ${home} (mode 700)`);
    expect(lines[0]).toContain('DATABASE_URL');
    expect(lines[0]).not.toMatch(/EACCES|\n\s+at /);
  });
});
