import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import type { Clock } from '../clock/clock.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { RequestContext } from './request-context.js';
import { SqlStatementCounter } from '../database/sql-statement-counter.js';
import { LogContext } from '../logging/logger.js';
import { RequestScope } from './request-scope.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx?: RequestContext;
    sqlTally?: { statements: number };
  }
}

/**
 * Every HTTP request (GraphQL or REST) gets its RequestContext and a SQL statement tally; the response
 * carries the request id, and one JSON log line per request records status, time and statements.
 */
export function installRequestContext(
  fastify: FastifyInstance,
  authenticator: Authenticator,
  clock: Clock,
  config: AppConfig,
): void {
  const logger = new Logger('Http');
  fastify.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
    // The tally starts before the context is built: the user read of the Authenticator counts too.
    // Every log line written while serving the request carries its id (the logger reads it from this scope).
    // The request's context is reachable from its scope too (RequestScope): Apollo's formatError has only that.
    const { tally } = LogContext.run({ requestId: String(request.id) }, () =>
      SqlStatementCounter.run(() =>
        RequestScope.run((holder) => {
          authenticator
            .contextFor(request.headers, String(request.id), Math.floor(clock.now().getTime() / 1000))
            .then((ctx) => {
              ctx.clientAddress = request.ip;
              request.ctx = ctx;
              holder.ctx = ctx;
              done();
            }, done);
        }),
      ),
    );
    request.sqlTally = tally;
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', String(request.id));
    if (!config.isProduction && request.sqlTally) reply.header('x-sql-statements', String(request.sqlTally.statements));
    return payload;
  });
  fastify.addHook('onResponse', async (request, reply) => {
    if (request.url === '/health') return;
    logger.log({
      message: 'request',
      requestId: request.id,
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      sqlStatements: request.sqlTally?.statements,
      user: request.ctx?.actor?.userId,
    });
  });
}
