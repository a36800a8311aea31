import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { dummyHash, PasswordHasher } from './password-hasher.js';
import { TokenService } from './token.service.js';
import { recordLoginFailure } from './auth.queries.js';
import { LoginAttempt } from './login-attempt.entity.js';
import type { LoginArgs, LoginResult } from './dto/login.input.js';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../clock/clock.js';
import { RequestContext } from '../context/request-context.js';
import { Db } from '../database/db.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CoreError } from '../errors/domain-error.js';
import { User } from '../organizations/user.entity.js';
import { Organization } from '../organizations/organization.entity.js';

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly db: Db,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    @InjectRepository(LoginAttempt) private readonly attempts: Repository<LoginAttempt>,
  ) {}

  async login(ctx: RequestContext, { email, password }: LoginArgs, clientAddress: string): Promise<LoginResult> {
    const keys = [`email:${email}`, `ip:${clientAddress}`];
    await this.assertNotLocked(keys);

    const user = await this.db.manager.findOne(User, { where: { email }, relations: { roleRows: true } });
    const valid = await PasswordHasher.verify(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !valid || !user.active) {
      await this.recordFailure(keys);
      this.logger.warn({ message: 'login failed', requestId: ctx.requestId });
      throw CoreError.LOGIN_FAILED({ field: 'password' });
    }

    const organization = await this.db.manager.findOneByOrFail(Organization, { id: user.organizationId });
    if (!organization.localPasswordsAllowed) {
      this.logger.warn({ message: 'password sign-in refused: local passwords off', requestId: ctx.requestId });
      throw CoreError.LOCAL_PASSWORDS_OFF({ field: 'password', params: { organization: organization.name } });
    }
    const now = this.clock.now();
    const actor = {
      userId: user.id,
      organizationId: user.organizationId,
      organizationKind: organization.kind,
      roles: user.roles,
    };
    await this.db.transaction(async (tx) => {
      await tx.delete(LoginAttempt, { key: keys[0] });
      await tx.update(User, { id: user.id }, { lastLoginAt: now });
      await this.audit.record(new RequestContext(actor, ctx.requestId), tx, {
        action: 'user.loggedIn',
        entityType: 'User',
        entityId: user.id,
      });
    });
    return this.tokens.issue(actor, Math.floor(now.getTime() / 1000));
  }

  /** Answers the seconds left of the longest lock among the keys, or 0. */
  async lockedSeconds(keys: string[]): Promise<number> {
    const now = this.clock.now();
    const rows = await this.attempts
      .createQueryBuilder('a')
      .where('a.key IN (:...keys)', { keys })
      .andWhere('a.locked_until > :now', { now })
      .getMany();
    const lockedUntil = rows.map((r) => r.lockedUntil!.getTime()).sort((a, b) => b - a)[0];
    return lockedUntil ? Math.ceil((lockedUntil - now.getTime()) / 1000) : 0;
  }

  private async assertNotLocked(keys: string[]): Promise<void> {
    const seconds = await this.lockedSeconds(keys);
    if (seconds) throw CoreError.LOGIN_THROTTLED({ params: { seconds } });
  }

  /** One statement per key: a failure outside the window starts a new count; reaching the limit locks. */
  async recordFailure(keys: string[]): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.config.loginLockSeconds * 1000);
    const lockUntil = new Date(now.getTime() + this.config.loginLockSeconds * 1000);
    for (const key of keys) {
      // Client addresses are shared (offices, NAT): they get a higher limit than a single e-mail.
      const limit = key.startsWith('ip:') ? this.config.loginMaxFailures * 10 : this.config.loginMaxFailures;
      await recordLoginFailure(this.attempts.manager, { key, at: now, windowStart, lockUntil, limit });
    }
  }
}
