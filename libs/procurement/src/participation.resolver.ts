import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, Role, Roles } from '#core';
import { Participation } from './participation.entity.js';
import { Procurement } from './procurement.entity.js';
import { ParticipationService } from './participation.service.js';
import { JoinProcurementInput, WithdrawParticipationInput } from './dto/join-procurement.input.js';

const JOINS = [Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR];

@Resolver(() => Participation)
export class ParticipationResolver {
  constructor(private readonly participationService: ParticipationService) {}

  @Roles(...JOINS)
  @Mutation(() => Participation, {
    description: 'Joins during the participation window (Europe/Stockholm calendar days, inclusive).',
  })
  joinProcurement(@Ctx() ctx: RequestContext, @Args('input') input: JoinProcurementInput): Promise<Participation> {
    return this.participationService.join(ctx, input);
  }

  @Roles(...JOINS)
  @Mutation(() => Participation, { description: 'Changes the contact and volumes until the window closes.' })
  changeParticipation(@Ctx() ctx: RequestContext, @Args('input') input: JoinProcurementInput): Promise<Participation> {
    return this.participationService.change(ctx, input);
  }

  @Roles(...JOINS)
  @Mutation(() => Procurement, { description: 'Withdraws until the window closes.' })
  withdrawParticipation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: WithdrawParticipationInput,
  ): Promise<Procurement> {
    return this.participationService.withdraw(ctx, input);
  }
}
