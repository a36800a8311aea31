import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { AppConfig } from './config/app-config.js';
import { Clock } from './clock/clock.js';
import { Authenticator } from './auth/authenticator.js';
import { SignedInUsers } from './auth/signed-in-users.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { GraphqlErrorFilter } from './errors/graphql-error.filter.js';
import { InputValidationPipe } from './validation/validation.pipe.js';
import { graphqlOptions } from './graphql/graphql.options.js';
import { HealthController } from './health/health.controller.js';
import { SessionController } from './auth/session.controller.js';
import { SessionService } from './auth/session.service.js';
import { OrganizationResolver } from './organizations/organization.resolver.js';
import { UserFieldsResolver } from './organizations/user-fields.resolver.js';
import { FirstRunService } from './organizations/first-run.service.js';
import { FirstRunResolver } from './organizations/first-run.resolver.js';
import { GraphqlMetricsPlugin } from './metrics/graphql-metrics.plugin.js';

/** The api's edge: GraphQL (Apollo on Fastify), the global guard, pipe and error filter, health routes. */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, Authenticator, Clock],
      useFactory: graphqlOptions,
    }),
  ],
  controllers: [HealthController, SessionController],
  providers: [
    AuthResolver,
    SessionService,
    OrganizationResolver,
    UserFieldsResolver,
    FirstRunService,
    FirstRunResolver,
    GraphqlMetricsPlugin,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_PIPE, useFactory: () => new InputValidationPipe() },
    { provide: APP_FILTER, useClass: GraphqlErrorFilter },
  ],
})
export class CoreApiModule implements OnApplicationBootstrap {
  constructor(private readonly signedInUsers: SignedInUsers) {}

  onApplicationBootstrap(): Promise<void> {
    return this.signedInUsers.start();
  }
}
