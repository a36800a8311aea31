export * from './identity-provider.entity.js';
export * from './user-identity.entity.js';
export * from './identity.errors.js';
export * from './identity-provider.service.js';
export * from './dto/identity-provider.input.js';
export * from './identity.module.js';
