import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Db } from '../database/db.service.js';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { Role } from '../auth/role.js';
import { RequestContext } from '../context/request-context.js';
import { CoreError } from '../errors/domain-error.js';
import { User } from './user.entity.js';
import { UserRole } from './user-role.entity.js';
import { OrganizationService } from './organization.service.js';
import type { CompleteSetupArgs } from './dto/complete-setup.args.js';
import { lockSetup, markSetupTokenUsed, replaceSetupToken, setupTokensForUpdate } from './organizations.queries.js';

export const FIRST_ADMIN_COMMAND = `NODEN_PASSWORD='<a long passphrase>' npm run cli -- user:create --email <your e-mail> --org Noden --role NODE_ADMIN --role NODE_STAFF --name "<your name>"`;

export const SETUP_TOKEN_HOURS = 24;
export const FIRST_ADMIN_ROLES = [Role.NODE_ADMIN, Role.NODE_STAFF];
/** Serialises setups: two concurrent calls with the same token create one admin. */
const SETUP_LOCK_KEY = 1_790_001_800;

export interface FirstAdminNotice {
  command: string;
  /** A one-time link to the web app's setup page (token in the fragment, so no proxy logs it). */
  setupLink?: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest();

/** Creates the first administrator of an empty installation: by the CLI command, or by a one-time setup link. */
@Injectable()
export class FirstRunService {
  private readonly logger = new Logger('FirstRun');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly organizations: OrganizationService,
  ) {}

  /**
   * Undefined once any user exists. Otherwise issues a new setup token (the unused ones stop working) and
   * answers the command and the link, for the operator's console only.
   */
  async firstAdminNotice(origin = `http://localhost:${this.config.port}`): Promise<FirstAdminNotice | undefined> {
    if (await this.db.manager.exists(User)) return undefined;
    const token = await this.issueSetupToken();
    return { command: FIRST_ADMIN_COMMAND, setupLink: `${origin}/setup#${token}` };
  }

  async setupNeeded(): Promise<boolean> {
    return !(await this.db.manager.exists(User));
  }

  async completeSetup(ctx: RequestContext, args: CompleteSetupArgs): Promise<User> {
    const throttleKeys = [`setup:ip:${ctx.clientAddress}`];
    const lockedSeconds = await this.auth.lockedSeconds(throttleKeys);
    if (lockedSeconds) throw CoreError.SETUP_THROTTLED({ field: 'token', params: { seconds: lockedSeconds } });
    const passwordHash = await PasswordHasher.hash(args.password);
    try {
      const userId = await this.db.transaction(async (tx) => {
        await lockSetup(tx, SETUP_LOCK_KEY);
        const rows = await setupTokensForUpdate(tx);
        const presented = hashToken(args.token);
        // Compare every stored hash in constant time rather than look the token up by an index.
        const row = rows.find((r) => timingSafeEqual(Buffer.from(r.tokenHash, 'hex'), presented));
        if (!row) throw CoreError.SETUP_TOKEN_INVALID({ field: 'token' });
        if (row.usedAt) throw CoreError.SETUP_TOKEN_USED({ field: 'token' });
        const now = this.clock.now();
        if (row.expiresAt.getTime() <= now.getTime()) throw CoreError.SETUP_TOKEN_EXPIRED({ field: 'token' });
        if (await tx.exists(User)) throw CoreError.SETUP_ALREADY_DONE({ field: 'token' });

        const node = await this.organizations.node();
        if (!node) throw CoreError.NOT_FOUND({ field: 'token', params: { entity: 'Organisation (NODE)' } });
        const { identifiers } = await tx.insert(User, {
          email: args.email,
          displayName: args.displayName,
          organizationId: node.id,
          passwordHash,
          active: true,
        });
        const id = identifiers[0].id as string;
        await tx.insert(
          UserRole,
          FIRST_ADMIN_ROLES.map((role) => ({ userId: id, role, grantedAt: now })),
        );
        await markSetupTokenUsed(tx, row.id, now, id);
        const actor = { userId: id, organizationId: node.id, organizationKind: node.kind, roles: FIRST_ADMIN_ROLES };
        await this.audit.record(new RequestContext(actor, ctx.requestId, ctx.lang), tx, {
          action: 'user.created',
          entityType: 'User',
          entityId: id,
          after: {
            email: args.email,
            displayName: args.displayName,
            organizationId: node.id,
            roles: FIRST_ADMIN_ROLES,
            via: 'setupLink',
          },
        });
        return id;
      });
      this.logger.log({
        message: 'first administrator created through the setup link',
        userId,
        requestId: ctx.requestId,
      });
      return this.db.manager.findOneOrFail(User, { where: { id: userId }, relations: { roleRows: true } });
    } catch (error) {
      if ((error as { reason?: string }).reason === 'CORE_SETUP_TOKEN_INVALID')
        await this.auth.recordFailure(throttleKeys);
      throw error;
    }
  }

  /** 32 random bytes; only the SHA-256 hash is stored. Unused tokens are replaced, used ones kept as a record. */
  private async issueSetupToken(): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await replaceSetupToken(tx, {
        tokenHash: hashToken(token).toString('hex'),
        issuedAt: now,
        expiresAt: new Date(now.getTime() + SETUP_TOKEN_HOURS * 3600_000),
      });
    });
    return token;
  }
}
