import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

/** The committed `schema.graphql` (the web app's types come from it); keep in sync with `npm run schema`. */
export const SCHEMA_FILE = 'schema.graphql';

export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
