import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { NestFactory } from '@nestjs/core';
import { AppConfig, CreateUserInput, migrationDataSourceOptions, OrganizationService, RequestContext, Role, UserService } from '#core';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { CliModule } from './cli.module.js';
import { ensureDatabase } from './database.js';
import { runSeed } from './seed.js';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  db:create                     create the database named in DATABASE_URL if missing
  seed                          load the reference data (idempotent)
  user:create --email E --password P (--org-code C | --org NAME) --role R [--role R2] [--name "Full Name"]
                                create a user; roles: ${Object.values(Role).join(', ')}
  demo                          fill an empty database with a demo county (refused in production)
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
      password: { type: 'string' },
      'org-code': { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
    },
    strict: true,
  });
  const orgRef = values['org-code'] ?? values.org ?? fail('user:create needs --org-code or --org');
  AppConfig.fromEnv();
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const organization = (await app.get(OrganizationService).findByCodeOrName(orgRef)) ?? fail(`No organisation with code or name "${orgRef}"`);
    const roles = (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim().toUpperCase());
    const input = plainToInstance(CreateUserInput, {
      email: values.email,
      password: values.password,
      displayName: values.name ?? values.email,
      organizationId: organization.id,
      roles,
    });
    const errors = await validate(input);
    if (errors.length) fail(errors.map((e) => `--${e.property === 'displayName' ? 'name' : e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`).join('\n'));
    const user = await app.get(UserService).create(RequestContext.system(organization.id, 'cli'), input);
    process.stdout.write(`${JSON.stringify({ id: user.id, email: user.email, organization: organization.name, roles: user.roles })}\n`);
  } finally {
    await app.close();
  }
}

async function demo(): Promise<void> {
  AppConfig.fromEnv();
  // Loaded only for this command: it needs @nestjs/testing, which a production install leaves out.
  const { DemoRefused, runDemo } = await import('./demo/demo-county.js');
  try {
    const report = await runDemo({ log: (line) => process.stdout.write(`  ${line}\n`) });
    process.stdout.write(`\nDemo county ready. Every login has the password ${report.password}\n\n`);
    const width = Math.max(...report.logins.map((l) => l.email.length));
    for (const login of report.logins) process.stdout.write(`  ${login.email.padEnd(width)}  ${login.roles.join(', ').padEnd(34)} ${login.name}, ${login.organization}\n`);
    process.stdout.write(`\nNeeds by status: ${JSON.stringify(report.needs)}\nFollow-ups by status: ${JSON.stringify(report.followUps)}\n`);
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
    default:
      process.stdout.write(USAGE);
      process.exit(command && command !== 'help' && command !== '--help' ? 1 : 0);
  }
} catch (error) {
  fail(`${command} failed: ${(error as Error).message}`);
}
