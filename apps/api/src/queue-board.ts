import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AuditService,
  Authenticator,
  Clock,
  Db,
  JobQueue,
  QueueName,
  type RequestContext,
  Role,
  TokenService,
} from '#core';

export const QUEUE_BOARD_PATH = '/drift/koer';
export const QUEUE_BOARD_COOKIE = 'noden_drift';
const BOARD_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
].join('; ');
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The board's changes a node admin may make, each audited; anything else that would change a queue is refused. */
const ALLOWED_CHANGES: { method: string; pattern: RegExp; action: string }[] = [
  { method: 'PUT', pattern: /^\/api\/queues\/([^/]+)\/retry\/([^/]+)$/, action: 'queue.jobsRetried' },
  { method: 'PUT', pattern: /^\/api\/queues\/([^/]+)\/clean\/([^/]+)$/, action: 'queue.jobsCleaned' },
  { method: 'PUT', pattern: /^\/api\/queues\/([^/]+)\/([^/]+)\/retry$/, action: 'queue.jobRetried' },
  { method: 'PUT', pattern: /^\/api\/queues\/([^/]+)\/([^/]+)\/clean$/, action: 'queue.jobCleaned' },
];

interface Deps {
  jobs: JobQueue;
  authenticator: Authenticator;
  audit: AuditService;
  db: Db;
  clock: Clock;
}

/**
 * Bull Board at /drift/koer for node admins. A browser cannot send the in-memory access token on a page load, so
 * the operations page first posts it to /drift/koer/session, which puts it in an HttpOnly, SameSite=Strict cookie
 * for this path only (for the token's remaining lifetime). Every request to the board reads the user again, so a
 * deactivated user or a removed role loses the board at once. Retry and clean are recorded in the audit log
 * before they are carried out; other changes (add, empty, obliterate, pause...) are refused.
 */
export async function mountQueueBoard(fastify: FastifyInstance, deps: Deps): Promise<void> {
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(deps.jobs.queue(name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Noden: köer', locale: { lng: 'sv-SE' } } },
  });

  await fastify.register(
    async (scope) => {
      scope.post('/session', async (request, reply) => openSession(request, reply, deps));
      scope.addHook('onRequest', async (request, reply) => {
        const path = request.url.slice(QUEUE_BOARD_PATH.length).split('?')[0];
        if (request.method === 'POST' && path === '/session') return;
        const ctx = await boardContext(request, deps);
        if (!ctx) return refuse(request, reply, 401);
        if (!ctx.actor!.roles.includes(Role.NODE_ADMIN)) return refuse(request, reply, 403);
        if (request.method === 'GET' || request.method === 'HEAD') return;
        if (!sameSite(request)) return refuse(request, reply, 403);
        const change = ALLOWED_CHANGES.find((c) => c.method === request.method && c.pattern.test(path));
        if (!change) {
          return reply.status(403).send({ error: 'Only retry and clean are allowed in the queue view.' });
        }
        const [, queue, second] = change.pattern.exec(path)!;
        const single = change.action.startsWith('queue.job') && !change.action.startsWith('queue.jobs');
        await deps.db.transaction((tx) =>
          deps.audit.record(ctx, tx, {
            action: change.action,
            entityType: 'queue',
            after: single
              ? { queue: decodeURIComponent(queue), jobId: decodeURIComponent(second) }
              : { queue: decodeURIComponent(queue), status: decodeURIComponent(second) },
          }),
        );
      });
      // Bull Board's page links Google Fonts: a same-origin policy keeps users' browsers from calling them.
      scope.addHook('onSend', async (_request, reply, payload) => {
        reply.header('content-security-policy', BOARD_CSP).header('x-frame-options', 'DENY');
        return payload;
      });
      await scope.register(serverAdapter.registerPlugin() as never);
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}

async function boardContext(request: FastifyRequest, deps: Deps): Promise<RequestContext | null> {
  const token = request.cookies[QUEUE_BOARD_COOKIE];
  if (!token) return null;
  const ctx = await deps.authenticator.contextFor(
    { authorization: `Bearer ${token}`, 'accept-language': request.headers['accept-language'] },
    String(request.id),
    Math.floor(deps.clock.now().getTime() / 1000),
  );
  return ctx.isAuthenticated ? ctx : null;
}

/** POST /drift/koer/session with the bearer token of a node admin (JSON, same site): sets the board's cookie. */
async function openSession(request: FastifyRequest, reply: FastifyReply, deps: Deps) {
  if (!sameSite(request) || !String(request.headers['content-type'] ?? '').startsWith('application/json'))
    return reply.status(403).send({ error: 'cross-site request refused' });
  const ctx = request.ctx;
  if (!ctx?.isAuthenticated) return reply.status(401).send({ error: 'sign in first' });
  if (!ctx.actor!.roles.includes(Role.NODE_ADMIN))
    return reply.status(403).send({ error: 'the queue view is for node admins' });
  const token = TokenService.bearerOf(request.headers)!;
  // Verified by the request context already: the cookie lives as long as the token does.
  const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
  const maxAge = Math.max(0, exp - Math.floor(deps.clock.now().getTime() / 1000));
  reply.setCookie(QUEUE_BOARD_COOKIE, token, {
    path: QUEUE_BOARD_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: !LOCAL_HOSTS.has(request.hostname.replace(/:\d+$/, '')),
    maxAge,
  });
  return reply.status(204).header('cache-control', 'no-store').send();
}

function sameSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
  return !origin || origin === `${request.protocol}://${request.host}`;
}

/** A page load gets a short Swedish/English page pointing to the operations page; the board's api gets JSON. */
function refuse(request: FastifyRequest, reply: FastifyReply, status: 401 | 403) {
  const wantsHtml = String(request.headers.accept ?? '').includes('text/html');
  const message =
    status === 401
      ? 'Logga in som nodadministratör och öppna köerna från driftsidan. / Sign in as a node admin and open the queues from the operations page.'
      : 'Köerna är till för nodadministratörer. / The queue view is for node admins.';
  if (!wantsHtml) return reply.status(status).send({ error: message });
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="sv"><meta charset="utf-8"><title>Noden</title><p>${message}</p><p><a href="/drift">/drift</a></p></html>`,
    );
}
