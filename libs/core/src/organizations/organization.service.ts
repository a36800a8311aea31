import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Organization, OrganizationKind } from './organization.entity.js';
import type { RequestContext } from '../context/request-context.js';
import { Db } from '../database/db.service.js';
import { CoreError } from '../errors/domain-error.js';

@Injectable()
export class OrganizationService {
  constructor(private readonly db: Db) {}

  /** Member organisations are known to every member: the directory is not confidential. */
  list(_ctx: RequestContext, kind?: OrganizationKind): Promise<Organization[]> {
    return this.db.manager.find(Organization, { where: kind ? { kind } : {}, order: { kind: 'ASC', name: 'ASC' } });
  }

  async get(ctx: RequestContext, id: string): Promise<Organization> {
    const organization = await this.load(ctx, id);
    if (!organization) throw CoreError.NOT_FOUND({ field: 'id', params: { entity: 'Organisation' } });
    return organization;
  }

  load(ctx: RequestContext, id: string): Promise<Organization | null> {
    return this.loader(ctx).load(id);
  }

  /** An organisation already read in this request (the signed-in user's) costs no further statement. */
  prime(ctx: RequestContext, organization: Organization): void {
    this.loader(ctx).prime(organization.id, organization);
  }

  private loader(ctx: RequestContext) {
    return ctx.loaders.byKey<string, Organization>(
      'organization',
      (ids) => this.db.manager.findBy(Organization, { id: In([...ids]) }),
      (o) => o.id,
    );
  }

  /** For the CLI and seeds: an organisation by its SCB code, name, short name or alias (case-insensitive). */
  findByCodeOrName(codeOrName: string): Promise<Organization | null> {
    const needle = codeOrName.trim().toLowerCase();
    return this.db.manager
      .createQueryBuilder(Organization, 'o')
      .where(
        'o.code = :raw OR lower(o.name) = :needle OR lower(o.short_name) = :needle OR :needle = ANY (SELECT lower(a) FROM unnest(o.aliases) a)',
        {
          raw: codeOrName.trim(),
          needle,
        },
      )
      .getOne();
  }

  /** The organisation of kind NODE: the county node itself. */
  node(): Promise<Organization | null> {
    return this.db.manager.findOne(Organization, {
      where: { kind: OrganizationKind.NODE },
      order: { createdAt: 'ASC' },
    });
  }
}
