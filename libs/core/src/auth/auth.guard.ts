import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { contextOf, IS_PUBLIC, REQUIRED_ROLES } from './decorators.js';
import type { Role } from './role.js';
import { CoreError } from '../errors/domain-error.js';
import { RequestContext } from '../context/request-context.js';

/** Global guard: authenticated by default, roles by `@Roles`. Organisation rules live in each domain's policy. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(execution: ExecutionContext): boolean {
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const ctx = contextOf(execution);
    if (!ctx.isAuthenticated) throw RequestContext.failureOf(ctx.authFailure);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !ctx.hasRole(...roles)) throw CoreError.FORBIDDEN({ params: { roles } });
    return true;
  }
}
