import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Organization, OrganizationService, type RequestContext, User, UserService } from '#core';
import { TechnologyCategory } from '#catalog';
import { TechCoach } from './tech-coach.entity.js';
import { CoachActivity } from './coach-activity.entity.js';
import { TechCoachService } from './tech-coach.service.js';

@Resolver(() => TechCoach)
export class TechCoachFieldsResolver {
  constructor(
    private readonly coaches: TechCoachService,
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
  ) {}

  @ResolveField(() => User)
  user(@Ctx() ctx: RequestContext, @Parent() coach: TechCoach) {
    return this.users.load(ctx, coach.userId);
  }

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() coach: TechCoach) {
    return this.organizations.load(ctx, coach.organizationId);
  }

  @ResolveField(() => [TechnologyCategory], { description: 'The technology categories the coach knows.' })
  categories(@Ctx() ctx: RequestContext, @Parent() coach: TechCoach) {
    return this.coaches.categoriesOf(ctx, coach.id);
  }

  @ResolveField(() => [CoachActivity], {
    description: 'The latest 50 activities; empty for other organisations (notes are internal).',
  })
  activities(@Ctx() ctx: RequestContext, @Parent() coach: TechCoach) {
    return this.coaches.activitiesOf(ctx, coach);
  }
}
