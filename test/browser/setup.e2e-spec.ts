import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type BrowserEnv, checkPage, newUserPage, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(90_000);

/** The first administrator: the api prints a one-time link while no user exists; opening it creates the admin. */
describe('web app: the first admin’s setup link', () => {
  let env: BrowserEnv;
  let api: ChildProcess;
  let stdout = '';
  let stderr = '';
  let link: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    // The api as `npm run start:api` runs it, in production mode, on this file's empty database: what it prints is the link.
    const port = await freePort();
    api = spawn(
      process.execPath,
      ['--conditions=development', '--import', '@swc-node/register/esm-register', 'apps/api/src/main.ts'],
      {
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          NODE_ENV: 'production',
          LOG_LEVEL: 'info',
          HOST: '127.0.0.1',
          PORT: String(port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    api.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    api.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    for (let waited = 0; !/\/setup#\S+/.test(stderr); waited += 100) {
      if (waited > 80_000 || api.exitCode !== null)
        throw new Error(`the api printed no setup link:\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    link = /(http:\/\/\S+\/setup#\S+)/.exec(stderr)![1]!;
  }, 90_000);
  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    }
    await env?.close();
  });

  it('prints the link beside the CLI command on the console, and never into the JSON log', async () => {
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/setup#[A-Za-z0-9_-]{43}$`));
    expect(stderr).toContain('npm run cli -- user:create');
    const token = new URL(link).hash.slice(1);
    expect(stdout).toContain('no user exists yet');
    expect(stdout).not.toContain(token);
  });

  it('opens the printed link, keeps the token out of the address bar, and holds to the api’s password rule', async () => {
    const { page } = await newUserPage(env);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Skapa den första administratören' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await checkPage(page, 'setup');

    // Sent empty, the form names every missing field at once.
    await page.getByRole('button', { name: 'Skapa administratör och logga in' }).click();
    for (const message of [
      'Skriv ditt namn.',
      'Skriv din e-postadress, t.ex. namn@kommun.se.',
      'Välj ett lösenord på minst 12 tecken.',
    ])
      await page.getByRole('alert').getByRole('link', { name: message }).waitFor();

    await page.getByLabel('Ditt namn').fill('Första Admin');
    await page.getByLabel('E-postadress').fill('forsta.admin@noden.se');
    await page.getByLabel('Lösenord', { exact: true }).fill('för kort');
    await page.getByLabel('Upprepa lösenordet').fill('för kort');
    await page.getByRole('button', { name: 'Skapa administratör och logga in' }).click();
    await page.getByTestId('fieldError').getByText('Lösenordet behöver minst 12 tecken.').waitFor();
    expect(await page.getByLabel('Lösenord', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'setup-password-too-short');

    await page.getByLabel('Lösenord', { exact: true }).fill('en-lång-lösenfras-för-noden');
    await page.getByLabel('Upprepa lösenordet').fill('en-lång-lösenfras-för-noden');
    await page.getByRole('button', { name: 'Skapa administratör och logga in' }).click();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    await page.getByRole('heading', { name: /^Hej Första Admin/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await checkPage(page, 'setup-signed-in');

    const me = await page.evaluate(async () => {
      const grant = (await (
        await fetch('/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      ).json()) as { accessToken: string };
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${grant.accessToken}` },
        body: JSON.stringify({ query: '{ me { email roles organization { kind } } }' }),
      });
      return ((await response.json()) as { data: { me: unknown } }).data.me;
    });
    expect(me).toEqual({
      email: 'forsta.admin@noden.se',
      roles: ['NODE_ADMIN', 'NODE_STAFF'],
      organization: { kind: 'NODE' },
    });
  });

  it('says so when the link is opened again after use', async () => {
    const { page } = await newUserPage(env);
    await page.goto(link);
    // Said at once, above the form: the node already has users.
    await page
      .getByRole('status')
      .getByText(
        'Noden har redan användare: den första administratören är redan skapad, och länken fungerar inte längre.',
      )
      .waitFor();
    const said = await page.getByText('Noden har redan användare', { exact: false }).boundingBox();
    const form = await page.getByLabel('Ditt namn').boundingBox();
    expect(said!.y).toBeLessThan(form!.y);
    await page.getByLabel('Ditt namn').fill('Någon Annan');
    await page.getByLabel('E-postadress').fill('annan@noden.se');
    await page.getByLabel('Lösenord', { exact: true }).fill('en-annan-lång-lösenfras');
    await page.getByLabel('Upprepa lösenordet').fill('en-annan-lång-lösenfras');
    await page.getByRole('button', { name: 'Skapa administratör och logga in' }).click();
    await page.getByRole('alert').getByText('Installationslänken är redan använd.').waitFor();
    await checkPage(page, 'setup-link-used');
    await page.getByRole('link', { name: 'Finns administratören redan? Logga in' }).click();
    await page.getByRole('heading', { name: 'Logga in i Noden' }).waitFor();
  });

  it('tells a visitor without the code in the link what to do', async () => {
    const { page } = await newUserPage(env);
    await page.goto('/setup');
    await page.getByText('Länken saknar sin kod.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Skapa administratör och logga in' }).isDisabled()).toBe(true);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
