import { Args, ID, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { asksFor, Ctx, type RequestContext, Role, Roles, UuidPipe } from '#core';
import { CompatibilityStatement } from './compatibility-statement.entity.js';
import { StandardConformance } from './standard-conformance.entity.js';
import { CompatibilityService } from './compatibility.service.js';
import { CompatibilityQuestionService } from './compatibility-questions.service.js';
import { AssertCompatibilityInput } from './dto/assert-compatibility.input.js';
import { RecordStandardConformanceInput } from './dto/record-standard-conformance.input.js';
import {
  CompatibilityHistoryArgs,
  CompatibilityMatrixArgs,
  CompatibleProductsArgs,
  StandardConformancesArgs,
  UpgradeImpactArgs,
} from './dto/compatibility.args.js';
import { CompatibilityMatrix, CompatibleProducts, UpgradeImpact } from './dto/compatibility-results.types.js';

@Resolver(() => CompatibilityStatement)
export class CompatibilityResolver {
  constructor(
    private readonly compatibility: CompatibilityService,
    private readonly questions: CompatibilityQuestionService,
  ) {}

  @Query(() => CompatibilityMatrix, {
    description: 'Products × systems for a category: the current statement of each pair, or UNKNOWN.',
  })
  compatibilityMatrix(
    @Ctx() ctx: RequestContext,
    @Args() args: CompatibilityMatrixArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CompatibilityMatrix> {
    return this.questions.matrix(ctx, args, asksFor(info, 'cells') ? 'cells' : 'grid');
  }

  @Query(() => CompatibleProducts, {
    description:
      'Products of a category that work with every relevant system the organisation runs, ranked by evidence.',
  })
  compatibleProducts(@Ctx() ctx: RequestContext, @Args() args: CompatibleProductsArgs): Promise<CompatibleProducts> {
    return this.questions.compatibleProducts(ctx, args);
  }

  @Query(() => UpgradeImpact, {
    description: 'What holds today for the organisation and would no longer hold after upgrading a system.',
  })
  upgradeImpact(@Ctx() ctx: RequestContext, @Args() args: UpgradeImpactArgs): Promise<UpgradeImpact> {
    return this.questions.upgradeImpact(ctx, args);
  }

  @Query(() => [CompatibilityStatement], {
    description: 'Every statement about a product and a system (or standard), newest first, superseded ones included.',
  })
  compatibilityHistory(
    @Ctx() ctx: RequestContext,
    @Args() args: CompatibilityHistoryArgs,
  ): Promise<CompatibilityStatement[]> {
    return this.compatibility.history(ctx, args);
  }

  @Query(() => CompatibilityStatement)
  compatibilityStatement(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<CompatibilityStatement> {
    return this.compatibility.getStatement(ctx, id);
  }

  @Query(() => [StandardConformance], {
    description: 'Products conforming to a standard (e.g. SCAIP sender side), valid today unless includeExpired.',
  })
  standardConformances(
    @Ctx() ctx: RequestContext,
    @Args() args: StandardConformancesArgs,
  ): Promise<StandardConformance[]> {
    return this.compatibility.conformancesTo(ctx, args);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF)
  @Mutation(() => CompatibilityStatement, {
    description:
      'States how product versions work with system versions or a standard; supersedes overlapping statements of the pair.',
  })
  assertCompatibility(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AssertCompatibilityInput,
  ): Promise<CompatibilityStatement> {
    return this.compatibility.assert(ctx, input);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF)
  @Mutation(() => StandardConformance, {
    description: 'Records a product’s conformance to a standard (certificate, side, test specification, validity).',
  })
  recordStandardConformance(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordStandardConformanceInput,
  ): Promise<StandardConformance> {
    return this.compatibility.recordConformance(ctx, input);
  }
}
