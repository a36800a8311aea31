export * from './thread.errors.js';
export * from './thread.module.js';
export * from './trace/trace.types.js';
export * from './trace/trace.service.js';
export * from './links/thread-link.service.js';
