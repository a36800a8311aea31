import { SignedInUsers } from '../auth/signed-in-users.js';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { type Language, User } from './user.entity.js';
import { UserRole } from './user-role.entity.js';
import { Organization } from './organization.entity.js';
import { OrganizationService } from './organization.service.js';
import type { ChangePasswordArgs, CreateUserInput, UpdateUserInput } from './dto/create-user.input.js';
import { Role } from '../auth/role.js';
import { dummyHash, PasswordHasher } from '../auth/password-hasher.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../clock/clock.js';
import type { RequestContext } from '../context/request-context.js';
import { Db } from '../database/db.service.js';
import { CoreError } from '../errors/domain-error.js';
import { escapeLike } from '../database/references.js';
import { type ConnectionResult, paginate } from '../pagination/connection.js';
import { UserPolicy } from './user.policy.js';
import type { UsersArgs } from './dto/users.args.js';
import { revokeUserSessions } from '../auth/auth.queries.js';

@Injectable()
export class UserService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly organizations: OrganizationService,
    private readonly signedIn: SignedInUsers,
  ) {}

  async create(ctx: RequestContext, input: CreateUserInput): Promise<User> {
    ctx.requireRole(Role.NODE_ADMIN);
    const email = input.email.trim().toLowerCase();
    const passwordHash = await PasswordHasher.hash(input.password);
    const userId = await this.db.transaction(async (tx) => {
      if (!(await tx.existsBy(Organization, { id: input.organizationId }))) {
        throw CoreError.NOT_FOUND({ field: 'input.organizationId', params: { entity: 'Organisation' } });
      }
      if (await tx.createQueryBuilder(User, 'u').where('lower(u.email) = :email', { email }).getExists()) {
        throw CoreError.ALREADY_EXISTS({ field: 'input.email', params: { entity: email } });
      }
      const now = this.clock.now();
      const { identifiers } = await tx.insert(User, {
        email,
        displayName: input.displayName,
        organizationId: input.organizationId,
        passwordHash,
        active: true,
      });
      const id = identifiers[0].id as string;
      await tx.insert(
        UserRole,
        input.roles.map((role) => ({ userId: id, role, grantedAt: now })),
      );
      await this.audit.record(ctx, tx, {
        action: 'user.created',
        entityType: 'User',
        entityId: id,
        after: { email, displayName: input.displayName, organizationId: input.organizationId, roles: input.roles },
      });
      return id;
    });
    return this.get(ctx, userId);
  }

  /** Node admins change a user's name, roles or whether they may log in; an admin cannot lock themself out. */
  async update(ctx: RequestContext, input: UpdateUserInput): Promise<User> {
    ctx.requireRole(Role.NODE_ADMIN);
    if (
      input.id === ctx.userId &&
      (input.active === false || (input.roles && !input.roles.includes(Role.NODE_ADMIN)))
    ) {
      throw CoreError.SELF_LOCKOUT({ field: input.active === false ? 'input.active' : 'input.roles' });
    }
    await this.db.transaction(async (tx) => {
      const user = await tx.findOne(User, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw CoreError.NOT_FOUND({ field: 'input.id', params: { entity: 'User' } });
      const roles = (await tx.findBy(UserRole, { userId: user.id })).map((r) => r.role).sort();
      const before = { displayName: user.displayName, active: user.active, roles };
      const changes = {
        ...(input.displayName ? { displayName: input.displayName } : {}),
        ...(input.active != null ? { active: input.active } : {}),
      };
      if (Object.keys(changes).length) await tx.update(User, { id: user.id }, changes);
      if (input.active === false && user.active)
        await revokeUserSessions(tx, user.id, this.clock.now(), 'USER_DEACTIVATED');
      if (input.roles) {
        await tx.delete(UserRole, { userId: user.id });
        const now = this.clock.now();
        await tx.insert(
          UserRole,
          input.roles.map((role) => ({ userId: user.id, role, grantedAt: now })),
        );
      }
      await this.audit.record(ctx, tx, {
        action: 'user.updated',
        entityType: 'User',
        entityId: user.id,
        before,
        after: { ...before, ...changes, ...(input.roles ? { roles: input.roles } : {}) },
      });
    });
    // Other processes forget the user through NOTIFY; this one at once, before its next request.
    this.signedIn.forget(input.id);
    return this.get(ctx, input.id);
  }

  /** Anyone changes their own password, proving the current one. */
  async changePassword(ctx: RequestContext, args: ChangePasswordArgs): Promise<boolean> {
    const user = await this.db.manager.findOneBy(User, { id: ctx.userId });
    if (!user || !(await PasswordHasher.verify(args.currentPassword, user.passwordHash ?? (await dummyHash()))))
      throw CoreError.LOGIN_FAILED({ field: 'currentPassword' });
    const passwordHash = await PasswordHasher.hash(args.newPassword);
    await this.db.transaction(async (tx) => {
      await tx.update(User, { id: user.id }, { passwordHash });
      await revokeUserSessions(tx, user.id, this.clock.now(), 'PASSWORD_CHANGED');
      await this.audit.record(ctx, tx, { action: 'user.passwordChanged', entityType: 'User', entityId: user.id });
    });
    return true;
  }

  async setLanguage(ctx: RequestContext, language: Language): Promise<User> {
    const user = await this.me(ctx);
    if (user.language !== language) {
      await this.db.transaction(async (tx) => {
        await tx.update(User, { id: user.id }, { language });
        await this.audit.record(ctx, tx, {
          action: 'user.languageChanged',
          entityType: 'User',
          entityId: user.id,
          before: { language: user.language },
          after: { language },
        });
      });
      user.language = language;
    }
    return user;
  }

  /** The signed-in user as read for this request: no further statement, organisation included. */
  async me(ctx: RequestContext): Promise<User> {
    if (!ctx.signedIn) return this.get(ctx, ctx.userId);
    this.organizations.prime(ctx, ctx.signedIn.organization);
    return ctx.signedIn.user;
  }

  async get(_ctx: RequestContext, id: string): Promise<User> {
    const user = await this.db.manager.findOne(User, { where: { id }, relations: { roleRows: true } });
    if (!user) throw CoreError.NOT_FOUND({ field: 'id', params: { entity: 'User' } });
    return user;
  }

  load(ctx: RequestContext, id: string): Promise<User | null> {
    return ctx.loaders
      .byKey<string, User>(
        'user',
        (ids) => this.db.manager.find(User, { where: { id: In([...ids]) }, relations: { roleRows: true } }),
        (u) => u.id,
      )
      .load(id);
  }

  /** The users the caller may list (see UserPolicy), by name. Two statements a page, three with `totalCount`. */
  async list(ctx: RequestContext, args: UsersArgs): Promise<ConnectionResult<User>> {
    const qb = UserPolicy.scope(ctx, this.db.manager.createQueryBuilder(User, 'u'), args);
    if (args.organizationId) qb.andWhere('u.organization_id = :organization', { organization: args.organizationId });
    if (args.active != null) qb.andWhere('u.active = :active', { active: args.active });
    if (args.role)
      qb.andWhere('EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = :role)', { role: args.role });
    if (args.search)
      qb.andWhere('(u.display_name ILIKE :q OR u.email ILIKE :q)', { q: `%${escapeLike(args.search)}%` });
    const page = await paginate(qb, args, [
      { expression: 'u.display_name', direction: 'ASC', value: (u) => u.displayName },
      { expression: 'u.id', direction: 'ASC', value: (u) => u.id },
    ]);
    const roleRows = page.nodes.length
      ? await this.db.manager.find(UserRole, { where: { userId: In(page.nodes.map((u) => u.id)) } })
      : [];
    for (const user of page.nodes) user.roleRows = roleRows.filter((row) => row.userId === user.id);
    return page;
  }

  /** Active users of an organisation holding any of the roles: recipients of notifications. */
  async withRoles(organizationIds: readonly string[] | 'ANY', roles: readonly Role[]): Promise<User[]> {
    const qb = this.db.manager
      .createQueryBuilder(User, 'u')
      .innerJoin(UserRole, 'r', 'r.user_id = u.id AND r.role IN (:...roles)', { roles })
      .where('u.active');
    if (organizationIds !== 'ANY')
      qb.andWhere('u.organization_id IN (:...orgs)', {
        orgs: organizationIds.length ? organizationIds : ['00000000-0000-0000-0000-000000000000'],
      });
    return qb.distinct(true).getMany();
  }
}
