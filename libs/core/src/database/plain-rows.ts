import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Column types whose pg value is already what the entity holds (no TypeORM conversion). */
const PLAIN_TYPES = new Set([
  'uuid',
  'text',
  'boolean',
  'integer',
  'int',
  'timestamptz',
  'timestamp with time zone',
  'double precision',
]);

interface Part {
  alias: string;
  metadata: EntityMetadata;
  /** Property of the main entity the joined row lands in; null for the main entity. */
  property: string | null;
}

interface Builder {
  property: string | null;
  build: (row: Record<string, unknown>) => ObjectLiteral | null;
}

function plainPlan<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Part[] | null {
  const { mainAlias, joinAttributes } = qb.expressionMap;
  if (!mainAlias?.hasMetadata) return null;
  const parts: Part[] = [{ alias: mainAlias.name, metadata: mainAlias.metadata, property: null }];
  for (const join of joinAttributes) {
    if (!join.isSelected) continue;
    if (
      !join.mapToProperty ||
      join.isMappingMany ||
      !join.alias.hasMetadata ||
      join.mapToPropertyParentAlias !== mainAlias.name
    )
      return null;
    parts.push({ alias: join.alias.name, metadata: join.alias.metadata, property: join.mapToPropertyPropertyName! });
  }
  const plain = parts.every(({ alias, metadata }) =>
    metadata.columns.every(
      (c) =>
        !c.transformer &&
        !c.embeddedMetadata &&
        !c.relationMetadata &&
        PLAIN_TYPES.has(String(c.type)) &&
        `${alias}_${c.databaseName}`.length <= 63,
    ),
  );
  return plain ? parts : null;
}

/** Column keys are worked out once per query, not once per row and column. */
function builderOf(part: Part): Builder {
  const primary = part.metadata.primaryColumns[0];
  const primaryKey = primary ? `${part.alias}_${primary.databaseName}` : null;
  const columns = part.metadata.columns.map((c) => [`${part.alias}_${c.databaseName}`, c.propertyName] as const);
  return {
    property: part.property,
    build(row) {
      if (primaryKey && row[primaryKey] == null) return null;
      const entity = part.metadata.create() as ObjectLiteral;
      for (const [key, property] of columns) {
        const value = row[key];
        if (value !== undefined) entity[property] = value;
      }
      return entity;
    },
  };
}

/**
 * The rows of a select as entities without TypeORM's generic result transformer (a quarter of a list page's
 * CPU in profiles): each selected column copied from the raw row, joined rows (`leftJoinAndMapOne`) into their
 * property. Falls back to `getMany()` whenever a column needs TypeORM's conversion (transformers, JSON, dates).
 */
export async function getPlainMany<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  const parts = plainPlan(qb);
  if (!parts) return qb.getMany();
  const [main, ...joins] = parts.map(builderOf) as [Builder, ...Builder[]];
  const rows = await qb.getRawMany<Record<string, unknown>>();
  return rows.map((row) => {
    const entity = main.build(row)!;
    for (const join of joins) entity[join.property!] = join.build(row);
    return entity as T;
  });
}
