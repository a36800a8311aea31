import { Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { CountingTypeormLogger } from './sql-statement-counter.js';
import { Db } from './db.service.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('Database');
        return {
          type: 'postgres' as const,
          url: config.databaseUrl,
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          namingStrategy: new SnakeNamingStrategy(),
          logger: new CountingTypeormLogger((message) => logger.warn(message)),
          logging: ['query', 'error'],
          uuidExtension: 'pgcrypto' as const,
          // JIT compilation costs a second or more on the recursive and wide queries (trace, overview) and saves nothing
          // on short OLTP statements: measured at national scale in bench/README.md.
          extra: {
            max: config.databasePoolSize,
            connectionTimeoutMillis: 5000,
            application_name: 'noden',
            options: '-c jit=off',
          },
          retryAttempts: 3,
          retryDelay: 1000,
        };
      },
    }),
  ],
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}
