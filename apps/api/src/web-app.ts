import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Where `npm run build:web` puts the web app; `WEB_DIR` overrides it (the api runs from the repository root). */
export function webAppDir(): string {
  return resolve(process.env.WEB_DIR ?? 'dist/web');
}

/** Paths the api owns: never answered with the web app's index.html. */
const API_PREFIXES = ['/graphql', '/health', '/ready', '/ocds', '/exports', '/auth', '/metrics', '/drift/koer'];

const IMMUTABLE = 'public, max-age=31536000, immutable';
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  // React Aria positions popovers with style attributes.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the built web app at `/`: hashed files under /assets/ are cached for a year, everything else is
 * revalidated, and the app's own routes (/behov/123) fall back to index.html so a reload or a shared link works.
 */
export async function serveWebApp(fastify: FastifyInstance, dir = webAppDir()): Promise<boolean> {
  if (!existsSync(resolve(dir, 'index.html'))) return false;
  await fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.header('cache-control', path.includes('/assets/') ? IMMUTABLE : 'no-cache');
      res.header('x-content-type-options', 'nosniff');
    },
  });
  const sendApp = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    const ownedByApi = API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    // A missing hashed file is a 404, not the app (a stale tab would otherwise parse HTML as JavaScript).
    if (ownedByApi || /\.[a-z0-9]+$/i.test(path)) {
      return reply
        .code(404)
        .type('application/json')
        .send({ statusCode: 404, error: 'Not Found', message: `${request.method} ${path} finns inte. / not found.` });
    }
    return reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('referrer-policy', 'same-origin')
      .header('x-frame-options', 'DENY')
      .sendFile('index.html', { cacheControl: false });
  };
  fastify.get('/', sendApp);
  fastify.get('/*', sendApp);
  return true;
}
