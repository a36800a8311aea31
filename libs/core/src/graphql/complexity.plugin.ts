import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** A list field costs its children times the page size asked for (`first`, default 20). */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args?.first === 'number' ? args.first : undefined;
  return first !== undefined ? 1 + childComplexity * Math.min(Math.max(first, 1), 100) : undefined;
};

export function complexityLimitPlugin(max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // getComplexity coerces the variables before graphql-js does: a bad variable (an unknown enum value) is the client's error.
            throw new GraphQLError((error as Error).message, { extensions: { code: 'BAD_USER_INPUT', reason: 'CORE_INVALID_VARIABLES', http: { status: 400 } } });
          }
          if (complexity > max) {
            throw new GraphQLError(`Frågan är för stor (${complexity}, högst ${max}). / The query is too complex (${complexity}, at most ${max}).`, {
              extensions: { code: 'BAD_USER_INPUT', reason: 'CORE_QUERY_TOO_COMPLEX', params: { actual: complexity, max }, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
