import { randomUUID } from 'node:crypto';
import {
  type GraphQLArgument,
  GraphQLEnumType,
  type GraphQLField,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  getNamedType,
  isLeafType,
} from 'graphql';

/** A value of the type that passes GraphQL's own checks (required fields only; `text` for every String). */
export function dummyValue(type: GraphQLInputType, text = 'x', depth = 0): unknown {
  if (type instanceof GraphQLNonNull) return dummyValue(type.ofType, text, depth);
  if (type instanceof GraphQLList) return [dummyValue(type.ofType, text, depth)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0].value;
  if (type instanceof GraphQLInputObjectType) {
    if (depth > 4) return {};
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => f.type instanceof GraphQLNonNull)
        .map((f) => [f.name, dummyValue(f.type, text, depth + 1)]),
    );
  }
  switch (type.name) {
    case 'ID':
      return randomUUID();
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return '2026-11-22T08:00:00.000Z';
    case 'JSON':
      return {};
    default:
      return text;
  }
}

/** `query($a: T!) { field(a: $a) { __typename } }` for the given arguments of a root field. */
export function operationDocument(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  args: readonly GraphQLArgument[],
): string {
  const declarations = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind}${declarations ? `(${declarations})` : ''} { ${field.name}${args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''}${selection} }`;
}
