import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import {
  AuditService,
  Clock,
  type ConnectionResult,
  Db,
  OrganizationService,
  paginate,
  type RequestContext,
  escapeLike,
} from '#core';
import { System } from './system.entity.js';
import { SystemKind } from './system-kind.entity.js';
import { SystemVersion } from './system-version.entity.js';
import { Standard } from './standard.entity.js';
import { OrganizationSystem } from './organization-system.entity.js';
import type { AddSystemVersionInput, CreateSystemInput } from './dto/create-system.input.js';
import type { SystemsArgs } from './dto/systems.args.js';
import type { RemoveOrganizationSystemInput, SetOrganizationSystemInput } from './dto/set-organization-system.input.js';
import { CatalogError } from '../catalog.errors.js';
import { CatalogPolicy } from '../catalog.policy.js';
import { Supplier } from '../product/supplier.entity.js';
import { CatalogItemVersions } from '../item/catalog-item-versions.js';

const SYSTEM_VERSIONS = new CatalogItemVersions<System, SystemVersion>({
  item: System,
  version: SystemVersion,
  owner: 'systemId',
  entityType: 'System',
  notFound: (field) => CatalogError.SYSTEM_NOT_FOUND({ field }),
  versionExists: (field, version) => CatalogError.SYSTEM_VERSION_EXISTS({ field, params: { version } }),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Municipal systems, their kinds and versions, standards, and each organisation's system landscape. */
@Injectable()
export class SystemService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationService,
  ) {}

  kinds(_ctx: RequestContext): Promise<SystemKind[]> {
    return this.db.manager.find(SystemKind, { order: { sortOrder: 'ASC' } });
  }

  loadKind(ctx: RequestContext, id: string): Promise<SystemKind | null> {
    return ctx.loaders
      .byKey<string, SystemKind>(
        'systemKind',
        (ids) => this.db.manager.findBy(SystemKind, { id: In([...ids]) }),
        (k) => k.id,
      )
      .load(id);
  }

  /** Accepts the id or the key (`ALARM_RECEIVER`). */
  async resolveKind(ctx: RequestContext, idOrKey: string, field: string): Promise<SystemKind> {
    const kind = UUID.test(idOrKey)
      ? await this.loadKind(ctx, idOrKey)
      : await this.db.manager.findOneBy(SystemKind, { key: idOrKey.toUpperCase() });
    if (!kind) throw CatalogError.SYSTEM_KIND_NOT_FOUND({ field });
    return kind;
  }

  standards(_ctx: RequestContext): Promise<Standard[]> {
    return this.db.manager.find(Standard, { order: { sortOrder: 'ASC' } });
  }

  loadStandard(ctx: RequestContext, id: string): Promise<Standard | null> {
    return ctx.loaders
      .byKey<string, Standard>(
        'standard',
        (ids) => this.db.manager.findBy(Standard, { id: In([...ids]) }),
        (s) => s.id,
      )
      .load(id);
  }

  /** Accepts the id or the key (`SCAIP`). */
  async resolveStandard(ctx: RequestContext, idOrKey: string, field: string): Promise<Standard> {
    const standard = UUID.test(idOrKey)
      ? await this.loadStandard(ctx, idOrKey)
      : await this.db.manager.findOneBy(Standard, { key: idOrKey.toUpperCase() });
    if (!standard) throw CatalogError.STANDARD_NOT_FOUND({ field });
    return standard;
  }

  async createSystem(ctx: RequestContext, input: CreateSystemInput): Promise<System> {
    CatalogPolicy.assertMaintains(ctx);
    const kind = await this.resolveKind(ctx, input.kind, 'input.kind');
    return this.db.transaction(async (tx) => {
      if (input.supplierId && !(await tx.existsBy(Supplier, { id: input.supplierId })))
        throw CatalogError.SUPPLIER_NOT_FOUND({ field: 'input.supplierId' });
      const clash = await tx
        .createQueryBuilder(System, 's')
        .where('lower(s.vendor_name) = lower(:vendor) AND lower(s.name) = lower(:name)', {
          vendor: input.vendorName,
          name: input.name,
        })
        .getExists();
      if (clash)
        throw CatalogError.SYSTEM_EXISTS({
          field: 'input.name',
          params: { name: input.name, vendor: input.vendorName },
        });
      const versions = SYSTEM_VERSIONS.sorted(input.versions);
      const now = this.clock.now();
      const system = tx.create(System, {
        kindId: kind.id,
        supplierId: input.supplierId ?? null,
        vendorName: input.vendorName,
        name: input.name,
        description: input.description ?? null,
        currentVersion: versions.at(-1)?.version ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(System, system);
      await SYSTEM_VERSIONS.insert(tx, system.id, versions);
      await this.audit.record(ctx, tx, {
        action: 'system.created',
        entityType: 'System',
        entityId: system.id,
        after: { ...system, versions: versions.map((v) => v.version) },
      });
      return system;
    });
  }

  async addVersion(ctx: RequestContext, input: AddSystemVersionInput): Promise<System> {
    CatalogPolicy.assertMaintains(ctx);
    return this.db.transaction((tx) =>
      SYSTEM_VERSIONS.add(ctx, tx, this.audit, this.clock.now(), input.systemId, 'input.systemId', input),
    );
  }

  async list(ctx: RequestContext, args: SystemsArgs): Promise<ConnectionResult<System>> {
    const qb = this.db.manager.createQueryBuilder(System, 's');
    if (args.kind) qb.andWhere('s.kind_id = :kind', { kind: (await this.resolveKind(ctx, args.kind, 'kind')).id });
    if (args.search) qb.andWhere('(s.name ILIKE :q OR s.vendor_name ILIKE :q)', { q: `%${escapeLike(args.search)}%` });
    return paginate(qb, args, [
      { expression: 'lower(s.name)', direction: 'ASC', value: (s) => s.name.toLowerCase() },
      { expression: 's.id', direction: 'ASC', value: (s) => s.id },
    ]);
  }

  async get(ctx: RequestContext, id: string, field = 'id'): Promise<System> {
    const system = await this.load(ctx, id);
    if (!system) throw CatalogError.SYSTEM_NOT_FOUND({ field });
    return system;
  }

  load(ctx: RequestContext, id: string): Promise<System | null> {
    return ctx.loaders
      .byKey<string, System>(
        'system',
        (ids) => this.db.manager.findBy(System, { id: In([...ids]) }),
        (s) => s.id,
      )
      .load(id);
  }

  versionsOf(ctx: RequestContext, systemId: string): Promise<SystemVersion[]> {
    return SYSTEM_VERSIONS.of(ctx, this.db, systemId);
  }

  /** The county shares its landscapes: every member may read any organisation's (it is what joint procurement needs). */
  async organizationSystems(
    ctx: RequestContext,
    organizationId: string,
    field = 'organizationId',
  ): Promise<OrganizationSystem[]> {
    if (!(await this.organizations.load(ctx, organizationId))) throw CatalogError.ORGANIZATION_NOT_FOUND({ field });
    return this.db.manager
      .createQueryBuilder(OrganizationSystem, 'os')
      .innerJoin(System, 's', 's.id = os.system_id')
      .where('os.organization_id = :organizationId', { organizationId })
      .orderBy('lower(s.name)')
      .addOrderBy('os.id')
      .getMany();
  }

  async setOrganizationSystem(ctx: RequestContext, input: SetOrganizationSystemInput): Promise<OrganizationSystem> {
    CatalogPolicy.assertEditsLandscape(ctx, input.organizationId);
    if (!(await this.organizations.load(ctx, input.organizationId)))
      throw CatalogError.ORGANIZATION_NOT_FOUND({ field: 'input.organizationId' });
    return this.db.transaction(async (tx) => {
      if (!(await tx.existsBy(System, { id: input.systemId })))
        throw CatalogError.SYSTEM_NOT_FOUND({ field: 'input.systemId' });
      const now = this.clock.now();
      const existing = await tx.findOne(OrganizationSystem, {
        where: { organizationId: input.organizationId, systemId: input.systemId },
        lock: { mode: 'pessimistic_write' },
      });
      const before = existing ? { ...existing } : null;
      const row =
        existing ??
        tx.create(OrganizationSystem, {
          organizationId: input.organizationId,
          systemId: input.systemId,
          createdAt: now,
          inUseSince: null,
          note: null,
        });
      Object.assign(row, {
        version: input.version,
        inUseSince: input.inUseSince !== undefined ? input.inUseSince : row.inUseSince,
        note: input.note !== undefined ? input.note : row.note,
        updatedById: ctx.auditUserId,
        updatedAt: now,
      });
      if (existing)
        await tx.update(
          OrganizationSystem,
          { id: row.id },
          {
            version: row.version,
            inUseSince: row.inUseSince,
            note: row.note,
            updatedById: row.updatedById,
            updatedAt: now,
          },
        );
      else {
        // Two first-time writers for the same pair: the loser's unique violation maps to CONFLICT.
        await tx.insert(OrganizationSystem, row);
      }
      await this.audit.record(ctx, tx, {
        action: existing ? 'organizationSystem.changed' : 'organizationSystem.added',
        entityType: 'OrganizationSystem',
        entityId: row.id,
        before,
        after: row,
      });
      return row;
    });
  }

  /** Retires a system from the landscape; the audit log keeps what was run and until when. */
  async removeOrganizationSystem(
    ctx: RequestContext,
    input: RemoveOrganizationSystemInput,
  ): Promise<OrganizationSystem> {
    CatalogPolicy.assertEditsLandscape(ctx, input.organizationId);
    return this.db.transaction(async (tx) => {
      const row = await tx.findOne(OrganizationSystem, {
        where: { organizationId: input.organizationId, systemId: input.systemId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw CatalogError.SYSTEM_NOT_RUN({ field: 'input.systemId' });
      await tx.delete(OrganizationSystem, { id: row.id });
      await this.audit.record(ctx, tx, {
        action: 'organizationSystem.removed',
        entityType: 'OrganizationSystem',
        entityId: row.id,
        before: row,
        after: null,
      });
      return row;
    });
  }
}
