import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { TraceService } from './trace.service.js';
import { Trace, TraceArgs } from './trace.types.js';

@Resolver(() => Trace)
export class TraceResolver {
  constructor(private readonly traces: TraceService) {}

  @Query(() => Trace, { description: 'The whole thread around one step, both ways, as far as the caller may see it.' })
  trace(@Ctx() ctx: RequestContext, @Args() args: TraceArgs): Promise<Trace> {
    return this.traces.trace(ctx, args.entityType, args.id);
  }
}
