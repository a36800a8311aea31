import { Args, ID, Info, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Connection, Ctx, type RequestContext, Role, Roles, UuidPipe } from '#core';
import { Implementation } from './implementation.entity.js';
import { ImplementationService } from './implementation.service.js';
import { RecordImplementationInput, UpdateImplementationInput } from './dto/record-implementation.input.js';
import { ImplementationsArgs } from './dto/implementations.args.js';

@ObjectType()
export class ImplementationConnection extends Connection(Implementation) {}

@Resolver(() => Implementation)
export class ImplementationResolver {
  constructor(private readonly implementationService: ImplementationService) {}

  @Query(() => ImplementationConnection, {
    description: "Implementations of the caller's organisation (node staff: all), newest first.",
  })
  implementations(@Ctx() ctx: RequestContext, @Args() args: ImplementationsArgs, @Info() info: GraphQLResolveInfo) {
    return this.implementationService.list(ctx, args, info);
  }

  @Query(() => Implementation)
  implementation(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<Implementation> {
    return this.implementationService.get(ctx, id);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR)
  @Mutation(() => Implementation, {
    description: 'Records an implementation; with a go-live date its 12- and 24-month follow-ups are scheduled.',
  })
  recordImplementation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordImplementationInput,
  ): Promise<Implementation> {
    return this.implementationService.record(ctx, input);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR)
  @Mutation(() => Implementation, {
    description:
      'Changes an implementation: a new go-live date moves the unanswered follow-ups; DISCONTINUED cancels them.',
  })
  updateImplementation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateImplementationInput,
  ): Promise<Implementation> {
    return this.implementationService.update(ctx, input);
  }
}
