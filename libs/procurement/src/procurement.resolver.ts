import { Args, ID, Info, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Connection, Ctx, type RequestContext, Role, Roles, UuidPipe } from '#core';
import { Procurement } from './procurement.entity.js';
import { RequirementSpecificationVersion } from './requirement-specification-version.entity.js';
import { ProcurementService } from './procurement.service.js';
import { CreateProcurementInput, UpdateProcurementInput } from './dto/create-procurement.input.js';
import {
  ChangeProcurementStatusInput,
  PublishRequirementSpecificationInput,
} from './dto/change-procurement-status.input.js';
import { ProcurementsArgs } from './dto/procurements.args.js';

@ObjectType()
export class ProcurementConnection extends Connection(Procurement) {}

const RUNS = [Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR];

@Resolver(() => Procurement)
export class ProcurementResolver {
  constructor(private readonly procurementService: ProcurementService) {}

  @Query(() => ProcurementConnection, {
    description:
      'Joint procurements, newest first. `openForMyOrganization: true`: the ones your organisation can join now.',
  })
  procurements(@Ctx() ctx: RequestContext, @Args() args: ProcurementsArgs, @Info() info: GraphQLResolveInfo) {
    return this.procurementService.list(ctx, args, info);
  }

  @Query(() => Procurement)
  procurement(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Procurement> {
    return this.procurementService.get(ctx, id);
  }

  @Roles(...RUNS)
  @Mutation(() => Procurement)
  createProcurement(@Ctx() ctx: RequestContext, @Args('input') input: CreateProcurementInput): Promise<Procurement> {
    return this.procurementService.create(ctx, input);
  }

  @Roles(...RUNS)
  @Mutation(() => Procurement, { description: 'Changes a PLANNED procurement.' })
  updateProcurement(@Ctx() ctx: RequestContext, @Args('input') input: UpdateProcurementInput): Promise<Procurement> {
    return this.procurementService.update(ctx, input);
  }

  @Roles(...RUNS)
  @Mutation(() => Procurement)
  changeProcurementStatus(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ChangeProcurementStatusInput,
  ): Promise<Procurement> {
    return this.procurementService.changeStatus(ctx, input);
  }

  @Roles(...RUNS)
  @Mutation(() => RequirementSpecificationVersion, {
    description: 'Publishes the next version of the requirement specification; earlier versions are kept.',
  })
  publishRequirementSpecification(
    @Ctx() ctx: RequestContext,
    @Args('input') input: PublishRequirementSpecificationInput,
  ): Promise<RequirementSpecificationVersion> {
    return this.procurementService.publishRequirementSpecification(ctx, input);
  }
}
