import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { OptionalText, TextLimits, OptionalNested } from '#core';
import { CareSetting } from '#catalog';
import { ImplementationStatus } from '../implementation.entity.js';

const MAX_PEOPLE = 1_000_000;

@InputType()
export class CountsBySexInput {
  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  women: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  men: number = 0;

  @Field(() => Int, { defaultValue: 0, description: 'Annat eller okänt kön.' })
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  otherOrUnknown: number = 0;
}

@InputType({
  description: 'Antal personer som erbjudits, tackat ja och tackat nej, per kön (S2:83). Inga personuppgifter.',
})
export class PeopleCountsInput {
  @Field(() => CountsBySexInput)
  @ValidateNested()
  @Type(() => CountsBySexInput)
  offered: CountsBySexInput;

  @Field(() => CountsBySexInput)
  @ValidateNested()
  @Type(() => CountsBySexInput)
  accepted: CountsBySexInput;

  @Field(() => CountsBySexInput)
  @ValidateNested()
  @Type(() => CountsBySexInput)
  declined: CountsBySexInput;
}

@InputType({ description: 'Counts to change; a sex left out keeps its count.' })
export class CountsBySexChangeInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  women?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  men?: number | null;

  @Field(() => Int, { nullable: true, description: 'Annat eller okänt kön.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  otherOrUnknown?: number | null;
}

@InputType({ description: 'Counts to change (S2:83); a group or a sex left out keeps its count.' })
export class PeopleCountsChangeInput {
  @OptionalNested(() => CountsBySexChangeInput)
  offered?: CountsBySexChangeInput | null;

  @OptionalNested(() => CountsBySexChangeInput)
  accepted?: CountsBySexChangeInput | null;

  @OptionalNested(() => CountsBySexChangeInput)
  declined?: CountsBySexChangeInput | null;
}

@InputType()
export class ChecklistItemInput {
  @Field()
  @IsBoolean()
  done: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Kan innehålla personuppgifter: skriv om rutinen, inte om personen.',
  })
  @OptionalText(TextLimits.short)
  comment?: string | null;
}

@InputType({
  description:
    'IVO:s checklista (S2:56-85); punkter som inte anges lämnas oförändrade (vid registrering: ej uppfyllda).',
})
export class ChecklistInput {
  @OptionalNested(() => ChecklistItemInput)
  strategyOrPlan?: ChecklistItemInput;

  @OptionalNested(() => ChecklistItemInput)
  routines?: ChecklistItemInput;

  @OptionalNested(() => ChecklistItemInput)
  individualNeedsAssessment?: ChecklistItemInput;

  @OptionalNested(
    () => ChecklistItemInput,
    'Samtycke av personen själv, aldrig av anhöriga eller företrädare (S2:230).',
  )
  consentByPerson?: ChecklistItemInput;

  @OptionalNested(() => ChecklistItemInput)
  staffTraining?: ChecklistItemInput;

  @OptionalNested(() => ChecklistItemInput)
  followUpRoutine?: ChecklistItemInput;

  @OptionalNested(() => ChecklistItemInput)
  deviationRoutine?: ChecklistItemInput;

  @OptionalNested(() => ChecklistItemInput, 'Reservrutin om tekniken fallerar (S2:368).')
  backupSupervision?: ChecklistItemInput;
}

@InputType()
export class RecordImplementationInput {
  @Field(() => ID, {
    nullable: true,
    description: "The organisation; defaults to the caller's. Node staff may record for any.",
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => ID)
  @IsUUID()
  productId: string;

  @Field(() => ID, { nullable: true, description: 'The call-off (avrop) it came from.' })
  @IsOptional()
  @IsUUID()
  callOffId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The needs it answers.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  needIds?: string[] | null;

  @Field(() => CareSetting)
  @IsEnum(CareSetting)
  setting: CareSetting;

  @Field(() => ImplementationStatus, { defaultValue: ImplementationStatus.PILOT })
  @IsEnum(ImplementationStatus)
  status: ImplementationStatus = ImplementationStatus.PILOT;

  @Field(() => String, { nullable: true, description: 'Required when the status is DISCONTINUED.' })
  @OptionalText(TextLimits.short)
  discontinuedReason?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD; may be left out until known. A date in the past schedules the follow-ups on their real dates.',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  goLiveOn?: string | null;

  @Field(() => ID, { description: 'A user of the organisation, who answers the follow-ups.' })
  @IsUUID()
  responsibleUserId: string;

  @Field(() => PeopleCountsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeopleCountsInput)
  people?: PeopleCountsInput | null;

  @Field(() => ChecklistInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChecklistInput)
  checklist?: ChecklistInput | null;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateImplementationInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  callOffId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the linked needs.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  needIds?: string[] | null;

  @Field(() => CareSetting, { nullable: true })
  @IsOptional()
  @IsEnum(CareSetting)
  setting?: CareSetting | null;

  @Field(() => ImplementationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ImplementationStatus)
  status?: ImplementationStatus | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  discontinuedReason?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD. Moving it moves the unanswered follow-ups.' })
  @IsOptional()
  @IsDateString({ strict: true })
  goLiveOn?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  responsibleUserId?: string | null;

  @Field(() => PeopleCountsChangeInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeopleCountsChangeInput)
  people?: PeopleCountsChangeInput | null;

  @Field(() => ChecklistInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChecklistInput)
  checklist?: ChecklistInput | null;
}
