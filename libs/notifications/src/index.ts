export * from './notification.entity.js';
export * from './notification.service.js';
export * from './notification-delivery.service.js';
export * from './notifications.module.js';
export * from './jobs/deliver-notifications.job.js';
