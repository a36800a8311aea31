import { Args, ID, Info, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Connection, Ctx, type RequestContext, UuidPipe } from '#core';
import { FollowUp } from './follow-up.entity.js';
import { FollowUpService } from './follow-up.service.js';
import { AnswerFollowUpInput } from './dto/answer-follow-up.input.js';
import { FollowUpsArgs } from './dto/follow-ups.args.js';
import { FollowUpResults, FollowUpResultsArgs } from '../results/follow-up-results.types.js';
import { FollowUpResultsService } from '../results/follow-up-results.service.js';
import { ProductExperience } from '../results/product-experience.types.js';
import { ProductExperienceService } from '../results/product-experience.service.js';

@ObjectType()
export class FollowUpConnection extends Connection(FollowUp) {}

@Resolver(() => FollowUp)
export class FollowUpResolver {
  constructor(
    private readonly followUpService: FollowUpService,
    private readonly results: FollowUpResultsService,
    private readonly experiences: ProductExperienceService,
  ) {}

  @Query(() => ProductExperience, {
    description:
      "Before a call-off: the county's municipalities that called the product off, how it fared at 12 and 24 months, and open deviations from its tests.",
  })
  productExperience(
    @Ctx() ctx: RequestContext,
    @Args('productId', { type: () => ID }, UuidPipe) productId: string,
  ): Promise<ProductExperience> {
    return this.experiences.experience(ctx, productId);
  }

  @Query(() => FollowUp, { description: "One follow-up of the caller's organisation (node staff: any), to answer it." })
  followUp(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, UuidPipe) id: string): Promise<FollowUp> {
    return this.followUpService.get(ctx, id);
  }

  @Query(() => FollowUpConnection, {
    description: "Follow-ups of the caller's organisation (node staff: all), by due date.",
  })
  followUps(@Ctx() ctx: RequestContext, @Args() args: FollowUpsArgs, @Info() info: GraphQLResolveInfo) {
    return this.followUpService.list(ctx, args, info);
  }

  @Query(() => FollowUpResults, {
    description: 'County-wide results per product and per category for the 12- and 24-month waves.',
  })
  followUpResults(@Ctx() ctx: RequestContext, @Args() args: FollowUpResultsArgs): Promise<FollowUpResults> {
    return this.results.results(ctx, args);
  }

  @Mutation(() => FollowUp, {
    description:
      "The responsible contact (or the organisation's coordinator) answers; a later call with a reason is a correction.",
  })
  answerFollowUp(@Ctx() ctx: RequestContext, @Args('input') input: AnswerFollowUpInput): Promise<FollowUp> {
    return this.followUpService.answer(ctx, input);
  }
}
