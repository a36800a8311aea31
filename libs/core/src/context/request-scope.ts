import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from './request-context.js';

/** The request being served, once its context is built. */
interface RequestHolder {
  ctx?: RequestContext;
}

const scope = new AsyncLocalStorage<RequestHolder>();

/**
 * The RequestContext of the request being served, for code that the framework calls without it: Apollo's
 * `formatError` maps the errors of field resolvers (which run without Nest's filters) in the user's language.
 */
export const RequestScope = {
  /** Runs `fn` as one request; `holder.ctx` is set once the request's context is built. */
  run<T>(fn: (holder: RequestHolder) => T): T {
    const holder: RequestHolder = {};
    return scope.run(holder, () => fn(holder));
  },
  /** Sets the context of the request being served (when a scope runs). */
  set(ctx: RequestContext): void {
    const holder = scope.getStore();
    if (holder) holder.ctx = ctx;
  },
  current(): RequestContext | undefined {
    return scope.getStore()?.ctx;
  },
};
