import { Args, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Connection, Ctx, type RequestContext, Role, Roles, UuidPipe } from '#core';
import { System } from './system.entity.js';
import { SystemKind } from './system-kind.entity.js';
import { Standard } from './standard.entity.js';
import { OrganizationSystem } from './organization-system.entity.js';
import { SystemService } from './system.service.js';
import { AddSystemVersionInput, CreateSystemInput } from './dto/create-system.input.js';
import { SystemsArgs } from './dto/systems.args.js';
import { RemoveOrganizationSystemInput, SetOrganizationSystemInput } from './dto/set-organization-system.input.js';

@ObjectType()
export class SystemConnection extends Connection(System) {}

@Resolver(() => System)
export class SystemResolver {
  constructor(private readonly systemService: SystemService) {}

  @Query(() => [SystemKind], { description: 'The kinds of municipal systems, in reference order.' })
  systemKinds(@Ctx() ctx: RequestContext): Promise<SystemKind[]> {
    return this.systemService.kinds(ctx);
  }

  @Query(() => SystemConnection, { description: 'Municipal systems by name; filter by kind or text.' })
  systems(@Ctx() ctx: RequestContext, @Args() args: SystemsArgs) {
    return this.systemService.list(ctx, args);
  }

  @Query(() => System)
  system(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, UuidPipe) id: string): Promise<System> {
    return this.systemService.get(ctx, id);
  }

  @Query(() => [Standard], { description: 'The standards (SCAIP, SIS-TR 91101, CLC/TS 50134-9, BS 8521-2, HL7 FHIR).' })
  standards(@Ctx() ctx: RequestContext): Promise<Standard[]> {
    return this.systemService.standards(ctx);
  }

  @Query(() => [OrganizationSystem], { description: 'The systems an organisation runs, with versions.' })
  organizationSystems(
    @Ctx() ctx: RequestContext,
    @Args('organizationId', { type: () => ID }, UuidPipe) organizationId: string,
  ): Promise<OrganizationSystem[]> {
    return this.systemService.organizationSystems(ctx, organizationId);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF)
  @Mutation(() => System)
  createSystem(@Ctx() ctx: RequestContext, @Args('input') input: CreateSystemInput): Promise<System> {
    return this.systemService.createSystem(ctx, input);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF)
  @Mutation(() => System)
  addSystemVersion(@Ctx() ctx: RequestContext, @Args('input') input: AddSystemVersionInput): Promise<System> {
    return this.systemService.addVersion(ctx, input);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR)
  @Mutation(() => OrganizationSystem, {
    description: 'Records that an organisation runs a system at a version (its coordinator or node staff).',
  })
  setOrganizationSystem(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SetOrganizationSystemInput,
  ): Promise<OrganizationSystem> {
    return this.systemService.setOrganizationSystem(ctx, input);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR)
  @Mutation(() => OrganizationSystem, {
    description: 'Retires a system from an organisation’s landscape; returns what was removed.',
  })
  removeOrganizationSystem(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RemoveOrganizationSystemInput,
  ): Promise<OrganizationSystem> {
    return this.systemService.removeOrganizationSystem(ctx, input);
  }
}
