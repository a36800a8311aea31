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
import { RequestScope } from '../context/request-scope.js';
import { toDomainError, toGraphqlError } from '../errors/graphql-error.filter.js';
import { depthLimit } from './depth-limit.rule.js';
import { complexityLimitPlugin } from './complexity.plugin.js';
import { answerPreloadedFields } from './preloaded.js';
import { DateTimeScalar } from './date-time.scalar.js';
import { CompiledExecutor } from './compiled-executor.js';

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

/**
 * What a field resolver threw, when it is not yet a GraphQL error: field resolvers run without Nest's filters
 * (`fieldResolverEnhancers: []`), so their errors reach formatError as graphql-js wrapped them, with the field's path.
 */
function thrownByField(error: unknown): unknown {
  if (!(error instanceof GraphQLError) || !error.path || !error.originalError) return undefined;
  return error.originalError instanceof GraphQLError ? undefined : error.originalError;
}

const errorsLogger = new Logger('Errors');

export function formatGraphqlError(received: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  let formatted = received;
  const thrown = thrownByField(error);
  if (thrown !== undefined) {
    // The mapping GraphqlErrorFilter gives queries and mutations, in the request's language; a fault in the server
    // (no domain error) is logged once, below, and answered as an internal error with the request's id.
    const ctx = RequestScope.current();
    const domain = toDomainError(thrown);
    const extensions = domain
      ? toGraphqlError(domain, ctx?.lang ?? 'sv', ctx?.requestId, errorsLogger).extensions
      : { ...received.extensions, ...(ctx?.requestId ? { requestId: ctx.requestId } : {}) };
    formatted = {
      ...received,
      message: domain ? domain.messageIn(ctx?.lang ?? 'sv') : received.message,
      extensions: { ...extensions },
    };
  }
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

/**
 * Nest's driver passes every option on to Apollo Server, `gateway` included, though its type leaves that one out (it
 * has a driver of its own for Apollo's federation gateway, which Noden does not use).
 */
type WithExecutor = ApolloDriverConfig & { gateway: CompiledExecutor };

export function graphqlOptions(config: AppConfig, authenticator: Authenticator, clock: Clock): ApolloDriverConfig {
  const executor = new CompiledExecutor();
  const options: WithExecutor = {
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
    // Field resolvers run bare (no guards, interceptors or filters per field and row): what they throw is mapped
    // once, by formatGraphqlError, as GraphqlErrorFilter maps the errors of queries and mutations.
    fieldResolverEnhancers: [],
    transformSchema: (schema) => executor.use(answerPreloadedFields(schema)),
    gateway: executor,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    // On Fastify the integration passes the request itself (older integrations passed `{ req }`).
    context: async (requestOrContext: FastifyRequest | { req: FastifyRequest }): Promise<GraphqlContext> => {
      const req = 'raw' in requestOrContext ? requestOrContext : requestOrContext.req;
      // installRequestContext builds it in onRequest; the fallback serves requests without that hook.
      const ctx =
        req.ctx ??
        (await authenticator.contextFor(req.headers, String(req.id), Math.floor(clock.now().getTime() / 1000)));
      req.ctx = ctx;
      RequestScope.set(ctx);
      return { req, ctx };
    },
  };
  return options;
}
