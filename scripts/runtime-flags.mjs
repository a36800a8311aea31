// How the api and the worker run in production (`npm start`; the Dockerfile sets the same through ENV), so the
// bench measures them as they run. Memory levers measured with `npm run bench:soak` (bench/README.md): two malloc
// arenas, 4 MB semi-spaces.
export const PRODUCTION_NODE_ARGS = ['--max-semi-space-size=4'];
export const PRODUCTION_ENV = { MALLOC_ARENA_MAX: '2' };
