import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Organization, OrganizationService, type RequestContext, User, UserService } from '#core';
import { Product, ProductService } from '#catalog';
import {
  checklistOf,
  Implementation,
  ImplementationChecklist,
  PeopleCounts,
  peopleCounts,
} from './implementation.entity.js';
import { ImplementationService } from './implementation.service.js';
import { FollowUp } from '../follow-up/follow-up.entity.js';
import { FollowUpService } from '../follow-up/follow-up.service.js';

@Resolver(() => Implementation)
export class ImplementationFieldsResolver {
  constructor(
    private readonly implementations: ImplementationService,
    private readonly followUpService: FollowUpService,
    private readonly organizations: OrganizationService,
    private readonly products: ProductService,
    private readonly users: UserService,
  ) {}

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() i: Implementation): Promise<Organization | null> {
    return this.organizations.load(ctx, i.organizationId);
  }

  @ResolveField(() => Product)
  product(@Ctx() ctx: RequestContext, @Parent() i: Implementation): Promise<Product | null> {
    return this.products.load(ctx, i.productId);
  }

  @ResolveField(() => User, { description: 'Answers the follow-ups.' })
  responsibleContact(@Ctx() ctx: RequestContext, @Parent() i: Implementation): Promise<User | null> {
    return this.users.load(ctx, i.responsibleUserId);
  }

  @ResolveField(() => PeopleCounts)
  people(@Parent() i: Implementation): PeopleCounts {
    return peopleCounts(i);
  }

  @ResolveField(() => ImplementationChecklist)
  checklist(@Parent() i: Implementation): ImplementationChecklist {
    return checklistOf(i);
  }

  @ResolveField(() => [FollowUp])
  followUps(@Ctx() ctx: RequestContext, @Parent() i: Implementation): Promise<FollowUp[]> {
    return this.followUpService.ofImplementation(ctx, i.id);
  }
}
