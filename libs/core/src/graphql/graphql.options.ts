import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import type { Clock } from '../clock/clock.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { RequestContext } from '../context/request-context.js';
import { depthLimit } from './depth-limit.rule.js';
import { complexityLimitPlugin } from './complexity.plugin.js';
import { answerPreloadedFields } from './preloaded.js';

export interface GraphqlContext {
  req: FastifyRequest;
  ctx: RequestContext;
}

/** Codes a client may see; anything else (a bug) is reported as INTERNAL_SERVER_ERROR with no detail. */
const SAFE_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const logger = new Logger('GraphQL');

export function formatGraphqlError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const { stacktrace: _stack, exception: _exception, originalError: _original, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  if (!SAFE_CODES.has(code)) {
    const cause = (error as { originalError?: unknown })?.originalError ?? error;
    logger.error({ message: 'unexpected error', path: formatted.path, error: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause), stack: cause instanceof Error ? cause.stack : undefined });
    return { message: 'Internt fel. Försök igen senare. / Internal error.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', ...(extensions.requestId ? { requestId: extensions.requestId } : {}) } };
  }
  return { ...formatted, extensions: { ...extensions, code } };
}

export function graphqlOptions(config: AppConfig, authenticator: Authenticator, clock: Clock): ApolloDriverConfig {
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !config.isProduction,
    playground: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    plugins: [
      config.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      complexityLimitPlugin(config.graphqlMaxComplexity),
      // Noden uses no HTTP cache hints, traces or Apollo reporting: each would cost work per resolved field.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
    ],
    validationRules: [depthLimit(config.graphqlMaxDepth)],
    formatError: formatGraphqlError,
    // Apollo pretty-prints every response by default: a third more bytes and CPU for nobody to read.
    stringifyResult: (result) => JSON.stringify(result),
    // Errors thrown by field resolvers go through the same filter as those of queries and mutations.
    fieldResolverEnhancers: ['filters'],
    transformSchema: answerPreloadedFields,
    // On Fastify the integration passes the request itself (older integrations passed `{ req }`).
    context: async (requestOrContext: FastifyRequest | { req: FastifyRequest }): Promise<GraphqlContext> => {
      const req = ('raw' in requestOrContext ? requestOrContext : requestOrContext.req) as FastifyRequest;
      // installRequestContext builds it in onRequest; the fallback serves requests without that hook.
      const ctx = req.ctx ?? (await authenticator.contextFor(req.headers, String(req.id), Math.floor(clock.now().getTime() / 1000)));
      req.ctx = ctx;
      return { req, ctx };
    },
  };
}
