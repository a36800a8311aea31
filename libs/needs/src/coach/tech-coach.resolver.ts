import { Args, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Connection, Ctx, type RequestContext } from '#core';
import { TechCoach } from './tech-coach.entity.js';
import { CoachActivity } from './coach-activity.entity.js';
import { TechCoachService } from './tech-coach.service.js';
import {
  RecordCoachActivityInput,
  RegisterTechCoachInput,
  TechCoachesArgs,
  UpdateTechCoachInput,
} from './dto/tech-coach.input.js';

@ObjectType()
export class TechCoachConnection extends Connection(TechCoach) {}

@Resolver(() => TechCoach)
export class TechCoachResolver {
  constructor(private readonly coaches: TechCoachService) {}

  @Query(() => TechCoachConnection, {
    description: 'The tech-coach directory, by unit; active coaches unless `active: null`.',
  })
  techCoaches(@Ctx() ctx: RequestContext, @Args() args: TechCoachesArgs) {
    return this.coaches.list(ctx, args);
  }

  @Mutation(() => TechCoach, {
    description:
      'Registers a coach profile: yourself (as TECH_COACH), or a user of your organisation (coordinator), or anyone (node staff).',
  })
  registerTechCoach(@Ctx() ctx: RequestContext, @Args('input') input: RegisterTechCoachInput): Promise<TechCoach> {
    return this.coaches.register(ctx, input);
  }

  @Mutation(() => TechCoach, { description: 'Changes unit, setting, categories, or deactivates (active: false).' })
  updateTechCoach(@Ctx() ctx: RequestContext, @Args('input') input: UpdateTechCoachInput): Promise<TechCoach> {
    return this.coaches.update(ctx, input);
  }

  @Mutation(() => CoachActivity)
  recordCoachActivity(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordCoachActivityInput,
  ): Promise<CoachActivity> {
    return this.coaches.recordActivity(ctx, input);
  }
}
