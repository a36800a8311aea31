import type { Type } from '@nestjs/common';
import { ArgsType, Field, type FieldMiddleware, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { CoreError } from '../errors/domain-error.js';
import { getPlainMany } from '../database/plain-rows.js';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, 1 to 100.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number = 20;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionResult<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when the client asks for it (see `countWhenSelected`). */
  totalCount: () => Promise<number>;
}

/**
 * Nest's field resolver returns a property as it is (graphql-js's default resolver would call a function), so
 * the lazy count is called here, when and only when `totalCount` is selected.
 */
const countWhenSelected: FieldMiddleware = async (_context, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => Promise<number>)() : value;
};

/** `@ObjectType() class NeedConnection extends Connection(Need) {}`: a Relay-style cursor connection. */
export function Connection<T>(nodeType: Type<T>, name = nodeType.name): Type<ConnectionResult<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => [nodeType], { description: 'The nodes of `edges`, for clients that need no cursors.' })
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, {
      description: 'All items matching the filter (one extra statement, only when asked for).',
      middleware: [countWhenSelected],
    })
    totalCount: () => Promise<number>;
  }
  return ConnectionType as unknown as Type<ConnectionResult<T>>;
}

export type SortValue = string | number | boolean | Date;

export interface SortKey<Row> {
  /** SQL expression in the query builder's terms, e.g. `need.created_at`. Must not be NULL. */
  expression: string;
  direction: 'ASC' | 'DESC';
  value: (row: Row) => SortValue;
}

export function encodeCursor(values: SortValue[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string, expected: number): SortValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === expected &&
      values.every((v) => ['string', 'number', 'boolean'].includes(typeof v))
    ) {
      return values as SortValue[];
    }
  } catch {
    // fall through
  }
  throw CoreError.INVALID_CURSOR({ field: 'after' });
}

/** The page size asked for, within 1–100. */
export function pageSizeOf(page: PageArgs): number {
  return Math.min(Math.max(page.first ?? 20, 1), 100);
}

/**
 * Keyset pagination: the last sort key must be unique (the id). Costs one statement per page, plus one
 * for `totalCount` if asked for.
 */
export async function paginate<Row extends ObjectLiteral>(
  qb: SelectQueryBuilder<Row>,
  page: PageArgs,
  keys: SortKey<Row>[],
  /** `plainRows`: hot lists skip TypeORM's result transformer (see getPlainMany). */
  options: { plainRows?: boolean } = {},
): Promise<ConnectionResult<Row>> {
  const first = pageSizeOf(page);
  const countQb = qb.clone();
  const pageQb = qb.clone();
  if (page.after) {
    const values = decodeCursor(page.after, keys.length);
    pageQb.andWhere(
      new Brackets((outer) => {
        keys.forEach((key, i) => {
          outer.orWhere(
            new Brackets((inner) => {
              for (let j = 0; j < i; j++) inner.andWhere(`${keys[j].expression} = :__cursor${j}`);
              inner.andWhere(`${key.expression} ${key.direction === 'ASC' ? '>' : '<'} :__cursor${i}`);
            }),
          );
        });
      }),
      Object.fromEntries(values.map((v, i) => [`__cursor${i}`, v])),
    );
  }
  keys.forEach((key, i) =>
    i === 0 ? pageQb.orderBy(key.expression, key.direction) : pageQb.addOrderBy(key.expression, key.direction),
  );
  const rows = options.plainRows
    ? await getPlainMany(pageQb.limit(first + 1))
    : await pageQb.limit(first + 1).getMany();
  const hasNextPage = rows.length > first;
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(keys.map((k) => k.value(node))) }));
  let total: Promise<number> | undefined;
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => (total ??= countQb.orderBy().getCount()),
  };
}
