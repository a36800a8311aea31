export interface TestEnv {
  NODE_ENV: string;
  DATABASE_URL: string;
  ADMIN_DATABASE_URL: string;
  DATABASE_NAME: string;
  REDIS_URL?: string;
  QUEUE_BACKEND: 'redis' | 'postgres';
  QUEUE_PREFIX: string;
  JWT_SECRET: string;
  LOG_LEVEL: string;
}
