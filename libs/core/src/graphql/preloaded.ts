import { type GraphQLFieldResolver, GraphQLObjectType, type GraphQLSchema } from 'graphql';

const PRELOADED = Symbol('noden.preloaded');
const PLANNED = Symbol('noden.planned');

type WithPreloaded = { [PRELOADED]?: Record<string, unknown>; [PLANNED]?: true } & Record<string, unknown>;

const ORIGINAL = Symbol('noden.originalResolver');

/**
 * Whether a field answers with its parent's property as it is: no resolver, or the one @nestjs/graphql gives every
 * code-first field without a `@ResolveField` or middleware (`rootFieldResolver`, `root[field.name]`).
 */
export function isPlainResolver(resolve: GraphQLFieldResolver<unknown, unknown> | undefined): boolean {
  const original =
    (resolve as { [ORIGINAL]?: GraphQLFieldResolver<unknown, unknown> } | undefined)?.[ORIGINAL] ?? resolve;
  return !original || original.name === 'rootFieldResolver';
}

/**
 * A row of a planned list (see `plannedPage`): it holds exactly the fields the query asked for, relations
 * included, so each field answers from the row itself.
 */
export function markPlanned(row: object): void {
  (row as WithPreloaded)[PLANNED] = true;
}

/**
 * A relation a list page read along with its rows (one join instead of a loader per field). The field then
 * answers from it directly: no Nest pipe, filter and context chain and no promise for each of the page's rows.
 * Only for relations whose field resolver would return the same value unchecked (names, categories, suppliers).
 */
export function preload(parent: object, field: string, value: unknown): void {
  const holder = parent as WithPreloaded;
  (holder[PRELOADED] ??= {})[field] = value;
}

/**
 * Wraps every field resolver of the schema's object types so that a preloaded value answers first; fields that only
 * read their parent's property are left to graphql-js (no resolver at all).
 */
export function answerPreloadedFields(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || roots.has(type) || type.name.startsWith('__')) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      const resolve = field.resolve;
      // graphql-js's own default resolver reads the property without a call through Nest's wrapper.
      if (!resolve || isPlainResolver(resolve)) {
        field.resolve = undefined;
        continue;
      }
      const answer: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
        if ((source as WithPreloaded | null)?.[PLANNED]) return (source as WithPreloaded)[name];
        const preloaded = (source as WithPreloaded | null)?.[PRELOADED];
        return preloaded && name in preloaded ? preloaded[name] : resolve(source, args, context, info);
      };
      Object.defineProperty(answer, ORIGINAL, { value: resolve });
      field.resolve = answer;
    }
  }
  return schema;
}
