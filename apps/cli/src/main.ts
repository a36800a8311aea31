import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { NestFactory } from '@nestjs/core';
import {
  AppConfig,
  CreateUserInput,
  loggerFor,
  migrationDataSourceOptions,
  OrganizationService,
  PinoNestLogger,
  RequestContext,
  Role,
  UserService,
} from '#core';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { CliModule } from './cli.module.js';
import { addIdentityProvider, listIdentityProviders } from './identity-providers.js';
import { ensureDatabase } from './database.js';
import { runSeed } from './seed.js';
import { backup, BackupError, restore } from './backup.js';
import { migrationCount } from './cli.queries.js';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  db:create                     create the database named in DATABASE_URL if missing
  migrate                       create the database if missing and apply pending migrations (one line each)
  seed                          load the reference data (idempotent)
  user:create --email E (--org-code C | --org NAME) --role R [--role R2] [--name "Full Name"]
                                create a user; roles: ${Object.values(Role).join(', ')}
                                the password comes from NODEN_PASSWORD, or is asked for (not echoed)
  demo                          fill an empty database with a demo county (refused in production)
  idp:add (--org-code C | --org NAME) --kind oidc|saml --name "Button name"
          oidc: --issuer URL --client-id ID --secret-ref env:VAR|file:/path [--subject-claim sub|oid|claim]
                [--tenant GUID ...] [--scope S ...]
          saml: (--metadata-url URL | --metadata-file PATH) [--metadata-cert PEM-FILE] [--subject-claim nameID|attr]
                                connect an organisation's own identity provider (sign-in with its accounts)
  idp:list [--org-code C | --org NAME]
                                the identity providers, one JSON line each (no secrets: only where they are kept)
  federation:keygen --file F [--overlap-days 14]
                                make the node's Ed25519 key file, or rotate it (older keys stay published 14 days)
  federation:registry:sign --in registry.json --key registry-key.json --out registry.jws
                                sign the registry of nodes; prints the public key for FEDERATION_REGISTRY_KEY
  federation:status             this node's feed and each peer's last pull, lag and last error
  backup <file>                 write the whole database (with the queues' schema when they are in Postgres) to <file>
                                (pg_dump custom format; the api and worker may keep running)
  restore <file>                restore a backup into the database of DATABASE_URL (created if missing; refused
                                when it already holds Noden's tables)
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function withDataSource<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL ?? fail('DATABASE_URL is required');
  const ds = await new DataSource(migrationDataSourceOptions(url)).initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

async function createUser(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      'org-code': { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
    },
    strict: true,
  });
  const orgRef = values['org-code'] ?? values.org ?? fail('user:create needs --org-code or --org');
  const config = AppConfig.fromEnv();
  const password = await readPassword();
  // The CLI's own output (results, prompts) is for the operator; what Nest and the services log is JSON like the api's.
  const app = await NestFactory.createApplicationContext(CliModule, {
    logger: new PinoNestLogger(loggerFor(config, 'cli')),
  });
  try {
    const organization =
      (await app.get(OrganizationService).findByCodeOrName(orgRef)) ??
      fail(`No organisation with code or name "${orgRef}"`);
    const roles = (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim().toUpperCase());
    const input = plainToInstance(CreateUserInput, {
      email: values.email,
      password,
      displayName: values.name ?? values.email,
      organizationId: organization.id,
      roles,
    });
    const errors = await validate(input);
    if (errors.length)
      fail(
        errors
          .map(
            (e) =>
              `--${e.property === 'displayName' ? 'name' : e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`,
          )
          .join('\n'),
      );
    const user = await app.get(UserService).create(RequestContext.system(organization.id, 'cli'), input);
    process.stdout.write(
      `${JSON.stringify({ id: user.id, email: user.email, organization: organization.name, roles: user.roles })}\n`,
    );
  } finally {
    await app.close();
  }
}

/** From NODEN_PASSWORD, or asked twice on the terminal without echo: never from argv (shell history, `ps`, npm's echo). */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.NODEN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) fail('user:create reads the password from NODEN_PASSWORD or from a terminal prompt');
  const first = await promptHidden('Password: ');
  const again = await promptHidden('Password again: ');
  if (first !== again) fail('The passwords differ');
  return first;
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const input = process.stdin;
    let typed = '';
    process.stderr.write(question);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\u0003') {
          process.stderr.write('\n');
          process.exit(130);
        } else if (char === '\r' || char === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        } else if (char === '\u007f' || char === '\b') {
          typed = typed.slice(0, -1);
        } else {
          typed += char;
        }
      }
    };
    input.on('data', onData);
  });
}

/** Applies pending migrations quietly (TypeORM's own CLI prints every SQL statement): one line per migration. */
async function migrate(): Promise<void> {
  const url = process.env.DATABASE_URL ?? fail('DATABASE_URL is required');
  if (await ensureDatabase(url)) process.stdout.write(`created database ${new URL(url).pathname.slice(1)}\n`);
  await withDataSource(async (ds) => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    for (const migration of applied) process.stdout.write(`applied ${migration.name}\n`);
    const total = await migrationCount(ds);
    process.stdout.write(
      applied.length
        ? `${applied.length} migration(s) applied; ${total} in all\n`
        : `database up to date (${total} migrations)\n`,
    );
  });
}

async function demo(): Promise<void> {
  AppConfig.fromEnv();
  // Loaded only for this command: it needs @nestjs/testing, which a production install leaves out.
  const { DemoRefused, runDemo } = await import('./demo/demo-county.js');
  try {
    const report = await runDemo({ log: (line) => process.stdout.write(`  ${line}\n`) });
    process.stdout.write(`\nDemo county ready. Every login has the password ${report.password}\n\n`);
    const width = Math.max(...report.logins.map((l) => l.email.length));
    for (const login of report.logins)
      process.stdout.write(
        `  ${login.email.padEnd(width)}  ${login.roles.join(', ').padEnd(34)} ${login.name}, ${login.organization}\n`,
      );
    process.stdout.write(
      `\nNeeds by status: ${JSON.stringify(report.needs)}\nFollow-ups by status: ${JSON.stringify(report.followUps)}\n`,
    );
  } catch (error) {
    if (error instanceof DemoRefused) fail(error.message);
    throw error;
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  switch (command) {
    case 'db:create': {
      const created = await ensureDatabase(process.env.DATABASE_URL ?? fail('DATABASE_URL is required'));
      process.stdout.write(created ? 'database created\n' : 'database exists\n');
      break;
    }
    case 'migrate':
      await migrate();
      break;
    case 'seed': {
      const report = await withDataSource((ds) => runSeed(ds));
      process.stdout.write(`${JSON.stringify({ seeded: report })}\n`);
      break;
    }
    case 'user:create':
      await createUser(rest);
      break;
    case 'demo':
      await demo();
      break;
    case 'idp:add':
      await addIdentityProvider(rest);
      break;
    case 'idp:list':
      await listIdentityProviders(rest);
      break;
    case 'federation:keygen':
      await (await import('./federation.js')).keygen(rest, (line) => process.stdout.write(`${line}\n`));
      break;
    case 'federation:registry:sign':
      await (await import('./federation.js')).signRegistryCommand(rest, (line) => process.stdout.write(`${line}\n`));
      break;
    case 'federation:status': {
      const { status } = await import('./federation.js');
      await withDataSource((ds) => status(ds, (line) => process.stdout.write(`${line}\n`)));
      break;
    }
    case 'backup': {
      const file = rest[0] ?? fail('backup needs a file: npm run cli -- backup <file>');
      const result = await backup(process.env.DATABASE_URL ?? fail('DATABASE_URL is required'), file);
      process.stdout.write(`${JSON.stringify({ backup: file, bytes: result.bytes, postgres: result.serverMajor })}\n`);
      break;
    }
    case 'restore': {
      const file = rest[0] ?? fail('restore needs a file: npm run cli -- restore <file>');
      const target = process.env.DATABASE_URL ?? fail('DATABASE_URL is required');
      const result = await restore(target, file);
      process.stdout.write(
        `${JSON.stringify({ restored: file, database: new URL(target).pathname.slice(1), created: result.created })}\n`,
      );
      break;
    }
    default:
      process.stdout.write(USAGE);
      process.exit(command && command !== 'help' && command !== '--help' ? 1 : 0);
  }
} catch (error) {
  if (error instanceof BackupError) fail(error.message);
  fail(`${command} failed: ${(error as Error).message}`);
}
