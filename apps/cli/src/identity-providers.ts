import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppConfig, CoreModule, DomainError, OrganizationService, RequestContext } from '#core';
import {
  CreateIdentityProviderInput,
  IdentityAdminModule,
  IdentityProviderKind,
  IdentityProviderService,
} from '#identity';

@Module({ imports: [CoreModule, IdentityAdminModule] })
class IdentityCliModule {}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function withProviders<T>(work: (service: IdentityProviderService, orgs: OrganizationService) => Promise<T>) {
  AppConfig.fromEnv();
  const app = await NestFactory.createApplicationContext(IdentityCliModule, { logger: ['error', 'warn'] });
  try {
    return await work(app.get(IdentityProviderService), app.get(OrganizationService));
  } catch (error) {
    if (error instanceof DomainError)
      fail(`${error.details.field ? `${error.details.field}: ` : ''}${error.messageIn('en')}`);
    throw error;
  } finally {
    await app.close();
  }
}

/** `idp:add`: connects an organisation's identity provider, as the GraphQL mutation does (validated, audited). */
export async function addIdentityProvider(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'org-code': { type: 'string' },
      org: { type: 'string' },
      kind: { type: 'string' },
      name: { type: 'string' },
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'secret-ref': { type: 'string' },
      'subject-claim': { type: 'string' },
      tenant: { type: 'string', multiple: true },
      scope: { type: 'string', multiple: true },
      'metadata-url': { type: 'string' },
      'metadata-file': { type: 'string' },
      'metadata-cert': { type: 'string' },
    },
    strict: true,
  });
  const orgRef = values['org-code'] ?? values.org ?? fail('idp:add needs --org-code or --org');
  const kind = (values.kind ?? fail('idp:add needs --kind oidc or --kind saml')).toUpperCase();
  await withProviders(async (service, organizations) => {
    const organization =
      (await organizations.findByCodeOrName(orgRef)) ?? fail(`No organisation with code or name "${orgRef}"`);
    const input = plainToInstance(CreateIdentityProviderInput, {
      organizationId: organization.id,
      kind,
      displayName: values.name ?? organization.name,
      issuer: values.issuer,
      clientId: values['client-id'],
      clientSecretRef: values['secret-ref'],
      subjectClaim: values['subject-claim'],
      allowedTenantIds: values.tenant,
      scopes: values.scope,
      metadataUrl: values['metadata-url'],
      metadataXml: values['metadata-file'] ? await readFile(values['metadata-file'], 'utf8') : undefined,
      metadataCertificate: values['metadata-cert'] ? await readFile(values['metadata-cert'], 'utf8') : undefined,
    });
    const errors = await validate(input);
    if (errors.length)
      fail(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`).join('\n'));
    const provider = await service.create(RequestContext.system(organization.id, 'cli'), input);
    const base = process.env.PUBLIC_URL?.replace(/\/+$/, '') ?? 'https://<PUBLIC_URL>';
    process.stdout.write(
      `${JSON.stringify({
        id: provider.id,
        organization: organization.name,
        kind: provider.kind,
        displayName: provider.displayName,
        ...(provider.kind === IdentityProviderKind.OIDC
          ? { redirectUri: `${base}/auth/sso/${provider.id}/callback` }
          : {
              idpEntityId: provider.idpEntityId,
              spMetadata: `${base}/auth/sso/${provider.id}/metadata`,
              acs: `${base}/auth/sso/${provider.id}/acs`,
            }),
      })}\n`,
    );
  });
}

/** `idp:list`: one JSON line per provider; the secret's location, never a secret. */
export async function listIdentityProviders(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { 'org-code': { type: 'string' }, org: { type: 'string' } } });
  const orgRef = values['org-code'] ?? values.org;
  await withProviders(async (service, organizations) => {
    const organization = orgRef
      ? ((await organizations.findByCodeOrName(orgRef)) ?? fail(`No organisation with code or name "${orgRef}"`))
      : null;
    const ctx = RequestContext.system(organization?.id ?? '00000000-0000-0000-0000-000000000000', 'cli');
    for (const p of await service.list(ctx, organization?.id))
      process.stdout.write(
        `${JSON.stringify({
          id: p.id,
          organizationId: p.organizationId,
          kind: p.kind,
          displayName: p.displayName,
          enabled: p.enabled,
          issuer: p.issuer ?? p.idpEntityId,
          clientId: p.clientId,
          clientSecretRef: p.clientSecretRef,
          subjectClaim: p.subjectClaim,
          allowedTenantIds: p.allowedTenantIds,
        })}\n`,
      );
  });
}
