import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, Role, Roles, UuidPipe } from '#core';
import { FrameworkAgreement } from './framework-agreement.entity.js';
import { FrameworkAgreementService } from './framework-agreement.service.js';
import { CallOffPreview, CallOffResult, CallOffService } from './call-off.service.js';
import { AwardFrameworkAgreementInput, UseExtensionOptionInput } from './dto/award-framework-agreement.input.js';
import { CallOffPreviewInput, CreateCallOffInput } from './dto/create-call-off.input.js';

const ACTS = [Role.NODE_ADMIN, Role.NODE_STAFF, Role.MUNICIPALITY_COORDINATOR];

@Resolver(() => FrameworkAgreement)
export class FrameworkAgreementResolver {
  constructor(
    private readonly agreementService: FrameworkAgreementService,
    private readonly callOffService: CallOffService,
  ) {}

  @Query(() => FrameworkAgreement, {
    description: "The agreement's card: lots, suppliers, products, validity, participants, call-offs so far.",
  })
  frameworkAgreement(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<FrameworkAgreement> {
    return this.agreementService.get(ctx, id);
  }

  @Roles(...ACTS)
  @Mutation(() => FrameworkAgreement, { description: 'Awards the framework agreement (TENDERING → AWARDED).' })
  awardFrameworkAgreement(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AwardFrameworkAgreementInput,
  ): Promise<FrameworkAgreement> {
    return this.agreementService.award(ctx, input);
  }

  @Roles(...ACTS)
  @Mutation(() => FrameworkAgreement, {
    description: "Uses an extension option: the agreement's end moves by its months.",
  })
  useExtensionOption(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UseExtensionOptionInput,
  ): Promise<FrameworkAgreement> {
    return this.agreementService.useExtensionOption(ctx, input);
  }

  @Roles(...ACTS)
  @Mutation(() => CallOffResult, {
    description: 'A call-off (avrop) by a participating organisation under an ACTIVE agreement.',
  })
  createCallOff(@Ctx() ctx: RequestContext, @Args('input') input: CreateCallOffInput): Promise<CallOffResult> {
    return this.callOffService.create(ctx, input);
  }

  @Roles(...ACTS)
  @Query(() => CallOffPreview, {
    description:
      "Before a call-off: runs exactly createCallOff's checks (same errors) and answers its warnings, writing nothing.",
  })
  callOffPreview(@Ctx() ctx: RequestContext, @Args('input') input: CallOffPreviewInput): Promise<CallOffPreview> {
    return this.callOffService.preview(ctx, input);
  }
}
