import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { Organization, SizeClass } from '#core';
import { CareSetting } from '#catalog';
import { NeedTargetGroup } from '#needs';

@ArgsType()
export class TransferabilityArgs {
  @Field(() => ID)
  @IsUUID()
  decisionId: string;

  @Field(() => ID, { nullable: true, description: "The municipality to compare with; defaults to the caller's own." })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}

@ObjectType({ description: 'A system the municipality runs that no organisation in the test ran.' })
export class UncoveredSystem {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  vendorName: string | null;

  @Field(() => String, { nullable: true, description: 'The version the municipality runs.' })
  version: string | null;

  @Field({ description: 'System kind key, e.g. CARE_DOCUMENTATION.' })
  kind: string;
}

@ObjectType({ description: "What in a municipality's own context a decided test did not cover." })
export class Transferability {
  @Field(() => ID)
  decisionId: string;

  @Field(() => Organization)
  organization: Organization;

  @Field({ description: 'True when the test covered everything compared here.' })
  fullyCovered: boolean;

  @Field(() => [Organization], { description: 'Lead and participating organisations of the test.' })
  testedBy: Organization[];

  @Field(() => SizeClass, { nullable: true })
  mySizeClass: SizeClass | null;

  @Field(() => [SizeClass])
  testedSizeClasses: SizeClass[];

  @Field({ description: 'No organisation of my size class took part.' })
  sizeClassNotCovered: boolean;

  @Field(() => [CareSetting], {
    description: "My settings: from my organisation's needs and implementations (all settings if none are known).",
  })
  mySettings: CareSetting[];

  @Field(() => [CareSetting])
  testedSettings: CareSetting[];

  @Field(() => [CareSetting])
  settingsNotCovered: CareSetting[];

  @Field(() => [UncoveredSystem], { description: 'Systems I run that no participating organisation ran.' })
  systemsNotCovered: UncoveredSystem[];

  @Field(() => [NeedTargetGroup], { description: 'Target groups of the needs the test answered.' })
  testedTargetGroups: NeedTargetGroup[];

  @Field(() => [NeedTargetGroup], {
    description: "Target groups of my organisation's needs in the category that the test's needs did not have.",
  })
  targetGroupsNotCovered: NeedTargetGroup[];

  @Field(() => [String], { description: 'Who took part in the test: CARE_RECIPIENTS, STAFF, RELATIVES.' })
  participantGroups: string[];
}
