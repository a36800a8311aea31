import { Args, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Connection, Ctx, type RequestContext, Roles, UuidPipe } from '#core';
import { TestProtocol } from './test-protocol.entity.js';
import { TestProtocolService } from './test-protocol.service.js';
import { CreateTestProtocolInput, UpdateTestProtocolInput } from './dto/test-protocol.input.js';
import { ChangeTestProtocolStatusInput } from './dto/change-test-protocol-status.input.js';
import { TestProtocolsArgs } from './dto/test-protocols.args.js';
import { PROTOCOL_EDITOR_ROLES } from '../testbed.policy.js';

@ObjectType()
export class TestProtocolConnection extends Connection(TestProtocol) {}

@Resolver(() => TestProtocol)
export class TestProtocolResolver {
  constructor(private readonly protocols: TestProtocolService) {}

  @Query(() => TestProtocolConnection, {
    description: 'Test protocols I may see, newest first; filter by status, category or organisation.',
  })
  testProtocols(@Ctx() ctx: RequestContext, @Args() args: TestProtocolsArgs) {
    return this.protocols.list(ctx, args);
  }

  @Query(() => TestProtocol)
  testProtocol(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<TestProtocol> {
    return this.protocols.get(ctx, id);
  }

  @Roles(...PROTOCOL_EDITOR_ROLES)
  @Mutation(() => TestProtocol, {
    description: 'Registers a test plan (DRAFT), led by my organisation (node staff: any).',
  })
  createTestProtocol(@Ctx() ctx: RequestContext, @Args('input') input: CreateTestProtocolInput): Promise<TestProtocol> {
    return this.protocols.create(ctx, input);
  }

  @Roles(...PROTOCOL_EDITOR_ROLES)
  @Mutation(() => TestProtocol, {
    description: 'Edits the plan: in DRAFT, or after submission as the next version (reopens to COMPLETED).',
  })
  updateTestProtocol(@Ctx() ctx: RequestContext, @Args('input') input: UpdateTestProtocolInput): Promise<TestProtocol> {
    return this.protocols.update(ctx, input);
  }

  @Roles(...PROTOCOL_EDITOR_ROLES)
  @Mutation(() => TestProtocol, { description: 'Start, complete, withdraw, or reopen (to COMPLETED) a protocol.' })
  changeTestProtocolStatus(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ChangeTestProtocolStatusInput,
  ): Promise<TestProtocol> {
    return this.protocols.changeStatus(ctx, input);
  }
}
