import { type EntityManager, type EntityTarget, In } from 'typeorm';
import semver from 'semver';
import type { AuditService, Db, DomainError, RequestContext } from '#core';
import type { CatalogItem, CatalogItemVersion } from './catalog-item.entity.js';

/** Orders versions like 1.9 < 1.10 < 2.0.0-beta < 2.0; unparsable ones sort first. */
export function compareVersions(a: string, b: string): number {
  const va = semver.coerce(a, { includePrerelease: true });
  const vb = semver.coerce(b, { includePrerelease: true });
  if (!va || !vb) return Number(!!va) - Number(!!vb);
  return semver.compare(va, vb);
}

export interface NewVersion {
  version: string;
  releasedOn?: string | null;
  notes?: string | null;
}

/** One kind of versioned catalogue item: its tables, its audit name, its errors. */
export interface CatalogItemKind<T extends CatalogItem, V extends CatalogItemVersion> {
  item: EntityTarget<T>;
  version: EntityTarget<V>;
  /** The version's column naming its item (`productId`, `systemId`). */
  owner: 'productId' | 'systemId';
  /** `Product`, `System`: the audit entity type, and the action prefix in lower case. */
  entityType: string;
  notFound: (field: string) => DomainError;
  versionExists: (field: string, version: string) => DomainError;
}

/**
 * Versions of a product or a system, written and read one way: created sorted and without duplicates, added one
 * at a time (optionally made current, audited), read in version order through one loader per request.
 */
export class CatalogItemVersions<T extends CatalogItem, V extends CatalogItemVersion> {
  constructor(private readonly kind: CatalogItemKind<T, V>) {}

  /** The versions given at creation, in version order; a version given twice is refused. */
  sorted<N extends NewVersion>(versions: readonly N[] | null | undefined): N[] {
    const sorted = [...(versions ?? [])].sort((a, b) => compareVersions(a.version, b.version));
    const duplicate = sorted.map((v) => v.version).find((v, i, all) => all.indexOf(v) !== i);
    if (duplicate !== undefined) throw this.kind.versionExists('input.versions', duplicate);
    return sorted;
  }

  async insert(tx: EntityManager, itemId: string, versions: readonly NewVersion[]): Promise<void> {
    if (versions.length === 0) return;
    await tx.insert(
      this.kind.version,
      versions.map((v) => ({
        [this.kind.owner]: itemId,
        version: v.version,
        releasedOn: v.releasedOn ?? null,
        notes: v.notes ?? null,
      })) as never,
    );
  }

  /** Adds a released version; unless `makeCurrent` is false it becomes the current one. */
  async add(
    ctx: RequestContext,
    tx: EntityManager,
    audit: AuditService,
    now: Date,
    itemId: string,
    field: string,
    input: NewVersion & { makeCurrent?: boolean | null },
  ): Promise<T> {
    const item = await tx.findOne(this.kind.item, {
      where: { id: itemId } as never,
      lock: { mode: 'pessimistic_write' },
    });
    if (!item) throw this.kind.notFound(field);
    if (await tx.existsBy(this.kind.version, { [this.kind.owner]: item.id, version: input.version } as never))
      throw this.kind.versionExists('input.version', input.version);
    await this.insert(tx, item.id, [input]);
    const before = { ...item };
    if (input.makeCurrent !== false) {
      item.currentVersion = input.version;
      item.updatedAt = now;
      await tx.update(this.kind.item, { id: item.id }, {
        currentVersion: item.currentVersion,
        updatedAt: item.updatedAt,
      } as never);
    }
    await audit.record(ctx, tx, {
      action: `${this.kind.entityType.toLowerCase()}.versionAdded`,
      entityType: this.kind.entityType,
      entityId: item.id,
      before,
      after: { ...item, addedVersion: input.version },
    });
    return item;
  }

  /** The item's versions in version order (one statement per request for every item asked about). */
  async of(ctx: RequestContext, db: Db, itemId: string): Promise<V[]> {
    const owner = this.kind.owner;
    const versions = await ctx.loaders
      .manyByKey<string, V>(
        `${this.kind.entityType}.versions`,
        (ids) => db.manager.findBy(this.kind.version, { [owner]: In([...ids]) } as never),
        (v) => (v as V & Record<typeof owner, string>)[owner],
      )
      .load(itemId);
    return [...versions].sort((a, b) => compareVersions(a.version, b.version));
  }
}
