import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = process.env.NODEN_API_URL ?? 'http://localhost:3000';

/** Built into dist/web, which the api serves at `/`; `npm run dev:web` proxies the api's routes. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    manifest: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Server Components' "use client" means nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  server: {
    port: 5173,
    proxy: { '/graphql': api, '/auth': api, '/health': api, '/ready': api },
  },
});
