import { createHash } from 'node:crypto';
import {
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type SelectionSetNode,
  GraphQLObjectType,
  Kind,
  getNamedType,
} from 'graphql';
import type { EntityMetadata, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];
import type { Db } from './db.service.js';
import { SqlStatementCounter } from './sql-statement-counter.js';
import { type SqlFragment, numbered, shapeOf } from './sql.js';
import {
  type ConnectionResult,
  type PageArgs,
  type SortKey,
  decodeCursor,
  encodeCursor,
  pageSizeOf,
} from '../pagination/connection.js';
import { isPlainResolver, markPlanned } from '../graphql/preloaded.js';

/** A relation a list row carries as an object (`organization { name }`), read with one LEFT JOIN. */
export interface ListRelation {
  entity: EntityTarget<ObjectLiteral>;
  alias: string;
  /** The join condition, e.g. `o.id = n.organization_id`. */
  on: string;
}

/** A hot list: its entity (and alias in the SQL of `where` and the sort keys) and the relations it can join. */
export interface ListSpec {
  entity: EntityTarget<ObjectLiteral>;
  alias: string;
  relations?: Record<string, ListRelation>;
  /**
   * Fields whose resolver computes a value from the row, as the same rule in SQL (e.g. `peopleAffected`: null
   * while unknown); the planned row carries the value and the resolver is not called.
   */
  computed?: Record<string, string>;
}

export interface ListRequest<Row> {
  /** Conditions, ANDed; every value a parameter. */
  where: SqlFragment[];
  /** The keyset: the last key must be unique (the id). */
  sort: SortKey<Row>[];
  page: PageArgs;
}

/** Column types whose pg value is what the GraphQL field serialises (timestamps are read as ISO text). */
const PLAIN_TYPES = new Set(['uuid', 'text', 'boolean', 'integer', 'int', 'double precision']);
const TIMESTAMP_TYPES = new Set(['timestamptz', 'timestamp with time zone']);
/** Dates as TypeORM gives them: `YYYY-MM-DD` text. */
const DATE_TYPES = new Set(['date']);

/** What the client asked of a connection field, worked out once per document. */
interface Selection {
  /** Entity properties of the node, and the relations with the properties asked of them. */
  columns: Set<string>;
  computed: Set<string>;
  relations: Map<string, Set<string>>;
  edges: boolean;
  edgeCursor: boolean;
  endCursor: boolean;
  totalCount: boolean;
}

interface Compiled {
  name: string;
  text: string;
  countName: string;
  countText: string;
}

const selections = new WeakMap<FieldNode, Selection | null>();
const statements = new WeakMap<FieldNode, Map<string, Compiled>>();

function* fieldsOf(set: SelectionSetNode | undefined, info: GraphQLResolveInfo): Generator<FieldNode> {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) yield selection;
    else if (selection.kind === Kind.INLINE_FRAGMENT) yield* fieldsOf(selection.selectionSet, info);
    else yield* fieldsOf(info.fragments[selection.name.value]?.selectionSet, info);
  }
}

/** Whether the query asks for this field of the resolved field's object (through fragments too). */
export function asksFor(info: GraphQLResolveInfo, name: string): boolean {
  for (const node of info.fieldNodes)
    for (const field of fieldsOf(node.selectionSet, info)) if (field.name.value === name) return true;
  return false;
}

function columnOf(metadata: EntityMetadata, property: string): ColumnMetadata | undefined {
  const column = metadata.findColumnWithPropertyName(property);
  if (!column || column.isArray || column.transformer || column.relationMetadata || column.embeddedMetadata)
    return undefined;
  const type = String(column.type);
  return PLAIN_TYPES.has(type) || TIMESTAMP_TYPES.has(type) || DATE_TYPES.has(type) ? column : undefined;
}

/** A property the planned row answers itself: an entity column whose GraphQL field has no resolver. */
function plainField(type: GraphQLObjectType, metadata: EntityMetadata, field: FieldNode): boolean {
  const name = field.name.value;
  if (name === '__typename') return true;
  const graphqlField: GraphQLField<unknown, unknown> | undefined = type.getFields()[name];
  return (
    !!graphqlField && isPlainResolver(graphqlField.resolve) && !field.arguments?.length && !!columnOf(metadata, name)
  );
}

function objectTypeOf(type: Parameters<typeof getNamedType>[0] | undefined): GraphQLObjectType | null {
  const named = type && getNamedType(type);
  return named instanceof GraphQLObjectType ? named : null;
}

/**
 * The columns and joins a connection's selection needs, or null when it asks for something only a field resolver
 * answers (then the list takes its general path).
 */
function selectionOf(db: Db, info: GraphQLResolveInfo, spec: ListSpec): Selection | null {
  const connectionType = objectTypeOf(info.returnType);
  const nodeType = objectTypeOf(connectionType?.getFields().nodes?.type);
  if (!connectionType || !nodeType) return null;
  const metadata = db.dataSource.getMetadata(spec.entity);
  const selection: Selection = {
    columns: new Set(),
    computed: new Set(),
    relations: new Map(),
    edges: false,
    edgeCursor: false,
    endCursor: false,
    totalCount: false,
  };
  const addNode = (set: SelectionSetNode | undefined): boolean => {
    for (const field of fieldsOf(set, info)) {
      const name = field.name.value;
      const relation = spec.relations?.[name];
      if (spec.computed?.[name] && !field.arguments?.length) selection.computed.add(name);
      else if (relation) {
        const relatedType = objectTypeOf(nodeType.getFields()[name]?.type);
        const relatedMetadata = db.dataSource.getMetadata(relation.entity);
        const asked = selection.relations.get(name) ?? new Set<string>();
        for (const sub of fieldsOf(field.selectionSet, info)) {
          if (!relatedType || !plainField(relatedType, relatedMetadata, sub)) return false;
          if (sub.name.value !== '__typename') asked.add(sub.name.value);
        }
        selection.relations.set(name, asked);
      } else if (plainField(nodeType, metadata, field)) {
        if (name !== '__typename') selection.columns.add(name);
      } else return false;
    }
    return true;
  };
  for (const connectionField of info.fieldNodes)
    for (const field of fieldsOf(connectionField.selectionSet, info)) {
      switch (field.name.value) {
        case 'nodes':
          if (!addNode(field.selectionSet)) return null;
          break;
        case 'edges':
          selection.edges = true;
          for (const edgeField of fieldsOf(field.selectionSet, info)) {
            if (edgeField.name.value === 'cursor') selection.edgeCursor = true;
            else if (edgeField.name.value === 'node' && !addNode(edgeField.selectionSet)) return null;
          }
          break;
        case 'pageInfo':
          for (const pageField of fieldsOf(field.selectionSet, info))
            if (pageField.name.value === 'endCursor') selection.endCursor = true;
          break;
        case 'totalCount':
          selection.totalCount = true;
          break;
        case '__typename':
          break;
        default:
          return null;
      }
    }
  return selection;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** A column as its GraphQL field wants it: timestamps as the ISO text `Date.toISOString()` would give. */
function columnSql(alias: string, column: ColumnMetadata): string {
  const ref = `${alias}.${column.databaseName}`;
  const type = String(column.type);
  if (TIMESTAMP_TYPES.has(type)) return `to_char(${ref} AT TIME ZONE 'UTC', ${ISO})`;
  return DATE_TYPES.has(type) ? `${ref}::text` : ref;
}

/**
 * A sort key's value as the general path encodes it in cursors, read as text so no Date is made of it: a `date`
 * column of the list's own row as its `YYYY-MM-DD`, a timestamp as the ISO text `Date.toISOString()` gives.
 */
function keySql(metadata: EntityMetadata, alias: string, expression: string): string {
  const [keyAlias, name, ...rest] = expression.split('.');
  if (keyAlias !== alias || !name || rest.length) return expression;
  const column = metadata.columns.find((c) => c.databaseName === name);
  return column ? columnSql(alias, column) : expression;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function statementName(kind: string, text: string): string {
  return `noden_${kind}_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
}

function compile<Row>(db: Db, spec: ListSpec, selection: Selection, request: ListRequest<Row>): Compiled {
  const metadata = db.dataSource.getMetadata(spec.entity);
  const { alias } = spec;
  const columns = [...selection.columns].map((p) => `${columnSql(alias, columnOf(metadata, p)!)} AS ${quoted(p)}`);
  for (const name of selection.computed) columns.push(`${spec.computed![name]} AS ${quoted(name)}`);
  const joins: string[] = [];
  for (const [name, asked] of selection.relations) {
    const relation = spec.relations![name];
    const related = db.dataSource.getMetadata(relation.entity);
    const primary = `${relation.alias}.${related.primaryColumns[0].databaseName}`;
    const pairs = [...asked].map((p) => `'${p}', ${columnSql(relation.alias, columnOf(related, p)!)}`);
    columns.push(
      `CASE WHEN ${primary} IS NULL THEN NULL ELSE json_build_object(${pairs.join(', ') || `'id', ${primary}`}) END AS ${quoted(name)}`,
    );
    joins.push(`LEFT JOIN ${related.tablePath} ${relation.alias} ON ${relation.on}`);
  }
  if (selection.edgeCursor || selection.endCursor)
    request.sort.forEach((key, i) => columns.push(`${keySql(metadata, alias, key.expression)} AS "$k${i}"`));
  if (!columns.length) columns.push(`${alias}.${metadata.primaryColumns[0].databaseName} AS "$id"`);
  let offset = 0;
  const conditions = request.where.map((fragment) => {
    const text = `(${numbered(fragment, offset)})`;
    offset += fragment.values.length;
    return text;
  });
  const countText = `SELECT count(*)::int AS count FROM ${metadata.tablePath} ${alias}${
    conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''
  }`;
  if (request.page.after) {
    const { sort } = request;
    const keyset = sort.map((key, i) => {
      const equal = sort.slice(0, i).map((k, j) => `${k.expression} = $${offset + j + 1}`);
      return `(${[...equal, `${key.expression} ${key.direction === 'ASC' ? '>' : '<'} $${offset + i + 1}`].join(' AND ')})`;
    });
    conditions.push(`(${keyset.join(' OR ')})`);
    offset += sort.length;
  }
  const text = [
    `SELECT ${columns.join(', ')} FROM ${metadata.tablePath} ${alias}`,
    ...joins,
    conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
    `ORDER BY ${request.sort.map((k) => `${k.expression} ${k.direction}`).join(', ')}`,
    `LIMIT $${offset + 1}`,
  ]
    .filter(Boolean)
    .join(' ');
  return { name: statementName('list', text), text, countName: statementName('count', countText), countText };
}

/**
 * A page of a hot list as PostGraphile would read it: the columns and joins the query asks for and nothing else,
 * the SQL text built once per document and shape of filters, run as a named prepared statement (Postgres plans it
 * once per connection), timestamps as ISO text, rows as plain objects of the GraphQL shape, cursors encoded only
 * when asked for. One statement per page whatever its size, plus one for `totalCount` when asked for.
 *
 * Answers null when the selection needs a field resolver other than the spec's relations (say `endorsements` of a
 * need): the caller then takes its general path, whose rows are entities.
 */
export async function plannedPage<Row extends ObjectLiteral>(
  db: Db,
  info: GraphQLResolveInfo | undefined,
  spec: ListSpec,
  request: ListRequest<Row>,
): Promise<ConnectionResult<Row> | null> {
  if (!info) return null;
  const fieldNode = info.fieldNodes[0];
  let selection = selections.get(fieldNode);
  if (selection === undefined) {
    selection = info.fieldNodes.length === 1 ? selectionOf(db, info, spec) : null;
    selections.set(fieldNode, selection);
  }
  if (!selection) return null;
  let byShape = statements.get(fieldNode);
  if (!byShape) statements.set(fieldNode, (byShape = new Map<string, Compiled>()));
  const shape = `${request.page.after ? 'after' : 'first'}\u0002${request.sort.map((k) => `${k.expression} ${k.direction}`).join()}\u0002${request.where.map(shapeOf).join('\u0002')}`;
  let compiled = byShape.get(shape);
  if (!compiled) byShape.set(shape, (compiled = compile(db, spec, selection, request)));

  const first = pageSizeOf(request.page);
  const whereValues = request.where.flatMap((fragment) => fragment.values);
  const values = [...whereValues];
  if (request.page.after) values.push(...decodeCursor(request.page.after, request.sort.length));
  values.push(first + 1);
  SqlStatementCounter.count();
  const { rows } = await db.pool.query<Row & Record<string, unknown>>({
    name: compiled.name,
    text: compiled.text,
    values,
  });
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  for (const row of nodes) markPlanned(row);
  const cursorOf = (row: Record<string, unknown>) =>
    encodeCursor(request.sort.map((_, i) => row[`$k${i}`] as string | number | boolean | Date));
  const last = nodes.at(-1);
  let total: Promise<number> | undefined;
  return {
    nodes,
    edges: selection.edges ? nodes.map((node) => ({ node, cursor: selection.edgeCursor ? cursorOf(node) : '' })) : [],
    pageInfo: { hasNextPage, endCursor: selection.endCursor && last ? cursorOf(last) : null },
    totalCount: () =>
      (total ??= (async () => {
        SqlStatementCounter.count();
        const result = await db.pool.query<{ count: number }>({
          name: compiled.countName,
          text: compiled.countText,
          values: whereValues,
        });
        return result.rows[0].count;
      })()),
  };
}

let parameterCount = 0;

/** Adds a fragment to a query builder's WHERE (ANDed), its values as named parameters: the general path's filters. */
export function whereFragment<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  fragment: SqlFragment,
): SelectQueryBuilder<T> {
  const parameters: Record<string, unknown> = {};
  let text = fragment.strings[0];
  fragment.values.forEach((value, i) => {
    const name = `__sql${(parameterCount = (parameterCount + 1) % 1_000_000)}`;
    parameters[name] = value;
    text += `:${name}${fragment.strings[i + 1]}`;
  });
  return qb.andWhere(`(${text})`, parameters);
}
