import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError } from 'graphql';
import {
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
  type ComplexityEstimator,
} from 'graphql-query-complexity';

/** A list field costs its children times the page size asked for (`first`, default 20). */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args?.first === 'number' ? args.first : undefined;
  return first !== undefined ? 1 + childComplexity * Math.min(Math.max(first, 1), 100) : undefined;
};

const VARIABLE_SETS_PER_DOCUMENT = 50;

export function complexityLimitPlugin(max: number): ApolloServerPlugin {
  // Apollo hands the same parsed document to every request with the same query text, and the complexity depends
  // only on it, the operation and the variables: walking a list query's document per request cost measurable CPU.
  const known = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const key = `${request.operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let byVariables = known.get(document);
          let complexity = byVariables?.get(key);
          if (complexity === undefined) {
            try {
              complexity = getComplexity({
                schema,
                query: document,
                operationName: request.operationName ?? undefined,
                variables: request.variables ?? {},
                estimators: [fieldExtensionsEstimator(), pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch (error) {
              // Variables that do not fit the schema (an unknown enum value): execution refuses them as BAD_USER_INPUT.
              if (error instanceof GraphQLError) return;
              throw error;
            }
            if (!byVariables) known.set(document, (byVariables = new Map<string, number>()));
            if (byVariables.size >= VARIABLE_SETS_PER_DOCUMENT) byVariables.clear();
            byVariables.set(key, complexity);
          }
          if (complexity > max) {
            throw new GraphQLError(
              `Frågan är för stor (${complexity}, högst ${max}). / The query is too complex (${complexity}, at most ${max}).`,
              {
                extensions: {
                  code: 'BAD_USER_INPUT',
                  reason: 'CORE_QUERY_TOO_COMPLEX',
                  params: { actual: complexity, max },
                  http: { status: 400 },
                },
              },
            );
          }
        },
      };
    },
  };
}
