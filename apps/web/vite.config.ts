import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const api = process.env.NODEN_API_URL ?? 'http://localhost:3000';

/**
 * Midas' default.css loads the Inter font from a public CDN. Noden sends nothing about its users to third
 * parties (and its Content-Security-Policy allows only its own origin), so remote @font-face rules are dropped
 * and the system's fonts are used.
 */
function noRemoteFonts(): Plugin {
  return {
    name: 'noden-no-remote-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@midas-ds') || !id.endsWith('.css')) return null;
      return { code: code.replace(/@font-face\s*\{[^}]*url\(https?:[^}]*\}/g, ''), map: null };
    },
  };
}

/** Built into dist/web, which the api serves at `/`; `npm run dev:web` proxies the api's routes. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [noRemoteFonts()],
  // The words shared with the server (libs/words, dependency-free), from source.
  resolve: { alias: { '#words': fileURLToPath(new URL('../../libs/words/src/index.ts', import.meta.url)) } },
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
