import { Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { CountyOverviewService } from './county-overview.service.js';
import { CountyOverview } from './county-overview.types.js';

@Resolver(() => CountyOverview)
export class CountyOverviewResolver {
  constructor(private readonly overviews: CountyOverviewService) {}

  @Query(() => CountyOverview, {
    description: "The steering group's county overview (steering members and node staff); small groups withheld.",
  })
  countyOverview(@Ctx() ctx: RequestContext): Promise<CountyOverview> {
    return this.overviews.overview(ctx);
  }
}
