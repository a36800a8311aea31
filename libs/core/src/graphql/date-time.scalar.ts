import { GraphQLScalarType, Kind } from 'graphql';

/**
 * Nest's `DateTime` (same name and description), which also serialises a timestamp that Postgres already wrote as
 * ISO text: planned list rows carry `to_char(…)` text instead of a Date parsed per row only to be printed again.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  parseValue(value) {
    return new Date(value as string);
  },
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    return typeof value === 'string' ? value : null;
  },
  parseLiteral(ast) {
    return ast.kind === Kind.STRING ? new Date(ast.value) : null;
  },
});
