import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from './role.js';
import { RequestContext } from '../context/request-context.js';

export const IS_PUBLIC = 'noden:public';
export const REQUIRED_ROLES = 'noden:roles';

/** Open without logging in (login, health). Everything else requires a valid token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Any one of these roles may call the operation; others get FORBIDDEN. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

export function contextOf(execution: ExecutionContext): RequestContext {
  if (execution.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(execution).getContext<{ ctx: RequestContext }>().ctx;
  }
  const request = execution.switchToHttp().getRequest<{ ctx?: RequestContext }>();
  return request.ctx ?? RequestContext.anonymous();
}

/** The request context: who, which organisation, which roles. The first argument of every service call. */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext) => contextOf(execution));
