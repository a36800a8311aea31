import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from './config/config.module.js';
import { ClockModule } from './clock/clock.js';
import { DatabaseModule } from './database/database.module.js';
import { AuditService } from './audit/audit.service.js';
import { AuditEntry } from './audit/audit-entry.entity.js';
import { Organization } from './organizations/organization.entity.js';
import { User } from './organizations/user.entity.js';
import { UserRole } from './organizations/user-role.entity.js';
import { OrganizationService } from './organizations/organization.service.js';
import { UserService } from './organizations/user.service.js';
import { LoginAttempt } from './auth/login-attempt.entity.js';
import { TokenService } from './auth/token.service.js';
import { Authenticator } from './auth/authenticator.js';
import { SignedInUsers } from './auth/signed-in-users.js';
import { AuthService } from './auth/auth.service.js';
import { WorkerHeartbeat } from './health/worker-heartbeat.entity.js';
import { SmallNumbers } from './privacy/small-numbers.js';
import { WorkerHeartbeatService } from './health/worker-heartbeat.service.js';
import { MetricsService } from './metrics/metrics.service.js';
import { DatabasePoolMetrics } from './metrics/core-metrics.js';

/** Plumbing shared by the api, the worker and the CLI: config, clock, database, audit, organisations, users. */
@Global()
@Module({
  imports: [
    ConfigModule,
    ClockModule,
    DatabaseModule,
    DiscoveryModule,
    JwtModule.register({}),
    TypeOrmModule.forFeature([Organization, User, UserRole, AuditEntry, LoginAttempt, WorkerHeartbeat]),
  ],
  providers: [
    AuditService,
    OrganizationService,
    UserService,
    TokenService,
    Authenticator,
    SignedInUsers,
    AuthService,
    WorkerHeartbeatService,
    SmallNumbers,
    MetricsService,
    DatabasePoolMetrics,
  ],
  exports: [
    ConfigModule,
    ClockModule,
    DatabaseModule,
    TypeOrmModule,
    AuditService,
    OrganizationService,
    UserService,
    TokenService,
    Authenticator,
    SignedInUsers,
    AuthService,
    WorkerHeartbeatService,
    SmallNumbers,
    MetricsService,
  ],
})
export class CoreModule {}
