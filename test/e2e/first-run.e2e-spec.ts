import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { FirstRunService } from '#core';
import { createTestApi, type TestApi } from '../support/test-api.js';
import { login } from '../support/builders.js';

const run = promisify(execFile);
// Each CLI run compiles its TypeScript on the fly: seconds alone, much longer on a busy CI machine.
const CLI_TEST_TIMEOUT_MS = 180_000;

/** The real CLI, as `npm run cli` runs it (from the source here): answers its exit code and output. */
async function cli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--conditions=development', '--import', '@swc-node/register/esm-register', 'apps/cli/src/main.ts', ...args],
      {
        env: { ...process.env, NODE_OPTIONS: '', NODEN_PASSWORD: undefined, ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('first run: the first admin, quiet migrations', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it(
    'tells how to create the first admin while no user exists; the command, as printed, creates one who can log in',
    async () => {
      const notice = await api.app.get(FirstRunService).firstAdminNotice();
      expect(notice?.command).toMatch(
        /^NODEN_PASSWORD='<a long passphrase>' npm run cli -- user:create --email <your e-mail> --org Noden --role NODE_ADMIN --role NODE_STAFF --name "<your name>"$/,
      );
      expect(notice?.setupLink).toMatch(/^http:\/\/localhost:\d+\/setup#[A-Za-z0-9_-]{43}$/);

      const [, password, cliArgs] = /^NODEN_PASSWORD='([^']*)' npm run cli -- (.*)$/.exec(notice!.command)!;
      const args = cliArgs
        .replace('<your e-mail>', 'first.admin@noden.se')
        .match(/"[^"]*"|\S+/g)!
        .map((arg) => (arg === '"<your name>"' ? 'Första Admin' : arg.replace(/^"|"$/g, '')));
      expect(password).toBe('<a long passphrase>');
      const created = await cli(args, { NODEN_PASSWORD: 'en-lång-lösenfras-för-test' });
      expect(created).toMatchObject({ code: 0 });
      expect(JSON.parse(created.stdout)).toMatchObject({
        email: 'first.admin@noden.se',
        roles: ['NODE_ADMIN', 'NODE_STAFF'],
      });

      const token = await login(api, 'first.admin@noden.se', 'en-lång-lösenfras-för-test');
      const me = await api.gql(`{ me { email roles organization { name } } }`, {}, { token });
      expect(me.data?.me).toEqual({
        email: 'first.admin@noden.se',
        roles: ['NODE_ADMIN', 'NODE_STAFF'],
        organization: { name: 'Välfärdstekniknoden Sörmland' },
      });
      expect(await api.app.get(FirstRunService).firstAdminNotice()).toBeUndefined();

      // The link printed before the CLI made the admin no longer creates one.
      const viaLink = await api.gql(
        `mutation($t: String!) { completeSetup(token: $t, email: "second@noden.se", displayName: "Andra", password: "en-lång-lösenfras-för-test") { id } }`,
        { t: new URL(notice!.setupLink!).hash.slice(1) },
      );
      expect(viaLink.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'CORE_SETUP_ALREADY_DONE',
        field: 'token',
      });
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'never takes the password from the command line, and without a terminal asks for NODEN_PASSWORD',
    async () => {
      const onArgv = await cli([
        'user:create',
        '--email',
        'argv@noden.se',
        '--password',
        'a-long-passphrase',
        '--org',
        'Noden',
        '--role',
        'VIEWER',
      ]);
      expect(onArgv.code).toBe(1);
      expect(onArgv.stderr).toContain("Unknown option '--password'");
      const noPassword = await cli([
        'user:create',
        '--email',
        'nopassword@noden.se',
        '--org',
        'Noden',
        '--role',
        'VIEWER',
      ]);
      expect(noPassword.code).toBe(1);
      expect(noPassword.stderr).toContain('NODEN_PASSWORD');
      const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await db.connect();
      const { rows } = await db.query(
        `SELECT email FROM users WHERE email IN ('argv@noden.se', 'nopassword@noden.se')`,
      );
      await db.end();
      expect(rows).toEqual([]);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'migrate prints one line per migration, then says the database is up to date',
    async () => {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `${url.pathname}_migrate`;
      const migrations = readdirSync('migrations').filter((f) => f.endsWith('.ts')).length;
      const first = await cli(['migrate'], { DATABASE_URL: url.toString() });
      expect(first.code).toBe(0);
      const lines = first.stdout.trim().split('\n');
      expect(lines[0]).toBe(`created database ${url.pathname.slice(1)}`);
      expect(lines.filter((l) => l.startsWith('applied '))).toHaveLength(migrations);
      expect(lines.at(-1)).toBe(`${migrations} migration(s) applied; ${migrations} in all`);
      expect(lines).toHaveLength(migrations + 2);
      const again = await cli(['migrate'], { DATABASE_URL: url.toString() });
      expect(again.stdout.trim()).toBe(`database up to date (${migrations} migrations)`);

      const admin = new pg.Client({ connectionString: process.env.ADMIN_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
