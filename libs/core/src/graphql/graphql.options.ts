import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError, Kind } from 'graphql';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import type { Clock } from '../clock/clock.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { RequestContext } from '../context/request-context.js';
import { depthLimit } from './depth-limit.rule.js';
import { complexityLimitPlugin } from './complexity.plugin.js';
import { answerPreloadedFields } from './preloaded.js';
import { DateTimeScalar } from './date-time.scalar.js';

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

/**
 * graphql-js and Apollo report what is wrong with a request itself (too many bad variables, a subscription, an
 * unsupported persisted-query version...) as a GraphQLError without a code. Such an error has no path (no field
 * ran) and wraps nothing that was thrown, unlike a bug in a resolver or a plugin: it is the client's to fix.
 */
function isRequestError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && !error.path && !error.originalError;
}

const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;
const VARIABLE_PATH = / at "([\w.[\]]+)"; /;
const MISSING_OR_UNKNOWN_FIELD = /; Field "(\w+)" (?:of required type|is not defined by type)[^;]*$/;

/** The variable (or the part of it, `input.title`) that a variable coercion error is about. */
function variableFieldOf(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || error.nodes?.length !== 1 || error.nodes[0].kind !== Kind.VARIABLE_DEFINITION)
    return undefined;
  const path = VARIABLE_PATH.exec(error.message)?.[1] ?? error.nodes[0].variable.name.value;
  const field = MISSING_OR_UNKNOWN_FIELD.exec(error.message)?.[1];
  return field ? `${path}.${field}` : path;
}

export function formatGraphqlError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const raw = formatted.extensions?.code;
  const code = typeof raw === 'string' ? raw : 'INTERNAL_SERVER_ERROR';
  const {
    stacktrace: _stack,
    exception: _exception,
    originalError: _original,
    ...extensions
  } = (formatted.extensions ?? {}) as Record<string, unknown>;
  if (!SAFE_CODES.has(code) && isRequestError(error)) {
    logger.debug({ message: 'request refused', error: error.message });
    const message = TOO_MANY_VARIABLE_ERRORS.test(error.message)
      ? 'För många variabler har fel värde; rätta dem ovan och försök igen. / Too many variables have invalid values; correct those above and try again.'
      : `Begäran kan inte utföras. / ${formatted.message}`;
    return {
      message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { ...extensions, code: 'BAD_USER_INPUT', reason: 'CORE_INVALID_REQUEST' },
    };
  }
  if (!SAFE_CODES.has(code)) {
    const cause = (error as { originalError?: unknown })?.originalError ?? error;
    logger.error({
      message: 'unexpected error',
      path: formatted.path,
      error: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause),
      stack: cause instanceof Error ? cause.stack : undefined,
    });
    return {
      message: 'Internt fel. Försök igen senare. / Internal error.',
      path: formatted.path,
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        ...(extensions.requestId ? { requestId: extensions.requestId } : {}),
      },
    };
  }
  const field = code === 'BAD_USER_INPUT' && !extensions.field ? variableFieldOf(error) : undefined;
  // graphql-js words a coercion error for developers, in English; the reason lets a client say it in the user's words.
  return {
    ...formatted,
    extensions: { ...extensions, code, ...(field ? { field, reason: extensions.reason ?? 'CORE_INVALID_VALUE' } : {}) },
  };
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
      config.isProduction
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
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
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    // On Fastify the integration passes the request itself (older integrations passed `{ req }`).
    context: async (requestOrContext: FastifyRequest | { req: FastifyRequest }): Promise<GraphqlContext> => {
      const req = 'raw' in requestOrContext ? requestOrContext : requestOrContext.req;
      // installRequestContext builds it in onRequest; the fallback serves requests without that hook.
      const ctx =
        req.ctx ??
        (await authenticator.contextFor(req.headers, String(req.id), Math.floor(clock.now().getTime() / 1000)));
      req.ctx = ctx;
      return { req, ctx };
    },
  };
}
