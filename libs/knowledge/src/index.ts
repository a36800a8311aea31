export * from './knowledge.enums.js';
export * from './knowledge.errors.js';
export * from './knowledge.policy.js';
export * from './knowledge.module.js';
export * from './article/knowledge-article.entity.js';
export * from './article/knowledge-article.service.js';
export * from './search/knowledge-hit.type.js';
export * from './search/knowledge-search.service.js';
