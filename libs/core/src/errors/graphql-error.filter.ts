import { type ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { GqlArgumentsHost, type GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { FastifyReply } from 'fastify';
import { CoreError, DomainError, type GraphqlErrorCode, type Lang } from './domain-error.js';
import { mapDatabaseError } from './pg-error-mapping.js';
import type { RequestContext } from '../context/request-context.js';

const HTTP_STATUS_CODES: Record<GraphqlErrorCode | 'INTERNAL_SERVER_ERROR', number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

function fromHttpStatus(status: number): DomainError {
  if (status === 401) return CoreError.UNAUTHENTICATED();
  if (status === 403) return CoreError.FORBIDDEN();
  if (status === 404) return CoreError.NOT_FOUND({ params: { entity: 'Resource' } });
  if (status === 429) return CoreError.LOGIN_THROTTLED({ params: { seconds: 60 } });
  if (status === 413) return CoreError.REQUEST_TOO_LARGE();
  if (status === 400 || status === 415) return CoreError.INVALID_REQUEST();
  return CoreError.INVALID_VALUE();
}

/** Fastify's own errors (body too large, unparsable JSON) carry a 4xx `statusCode`. */
function clientStatusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** Turns any error into a client-safe one; only the unexpected ones are logged (without input or SQL). */
export function toDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof HttpException) return fromHttpStatus(error.getStatus());
  const status = clientStatusOf(error);
  if (status) return fromHttpStatus(status);
  return mapDatabaseError(error);
}

export function toGraphqlError(
  error: unknown,
  lang: Lang,
  requestId: string | undefined,
  logger: Logger,
): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const domain = toDomainError(error);
  if (domain) {
    return new GraphQLError(domain.messageIn(lang), {
      extensions: {
        code: domain.code,
        reason: domain.reason,
        ...(domain.details.field ? { field: domain.details.field } : {}),
        ...(domain.details.params ? { params: domain.details.params } : {}),
        ...(domain.details.problems
          ? {
              problems: domain.details.problems.map(({ field, constraint, limit, sv, en }) => ({
                field,
                constraint,
                ...(limit !== undefined ? { limit } : {}),
                message: lang === 'en' ? en : sv,
              })),
            }
          : {}),
        ...(requestId ? { requestId } : {}),
      },
    });
  }
  logger.error({
    message: 'unexpected error',
    requestId,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return new GraphQLError(
    lang === 'en' ? 'Internal error. Please try again later.' : 'Internt fel. Försök igen senare.',
    {
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
    },
  );
}

/** The one place where errors become GraphQL errors (and JSON errors on REST routes). */
@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') {
      const ctx = GqlArgumentsHost.create(host).getContext<{ ctx?: RequestContext }>().ctx;
      return toGraphqlError(error, ctx?.lang ?? 'sv', ctx?.requestId, this.logger);
    }
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<{ id?: string; headers: Record<string, string | undefined> }>();
    const lang: Lang = request.headers?.['accept-language']?.toLowerCase().startsWith('en') ? 'en' : 'sv';
    const gql = toGraphqlError(error, lang, request.id, this.logger);
    const code = gql.extensions.code as GraphqlErrorCode | 'INTERNAL_SERVER_ERROR';
    const status = gql.extensions.reason === 'CORE_REQUEST_TOO_LARGE' ? 413 : (HTTP_STATUS_CODES[code] ?? 500);
    return reply.status(status).send({ error: { message: gql.message, ...gql.extensions } });
  }
}
