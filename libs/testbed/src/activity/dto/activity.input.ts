import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { OptionalText, RequiredText, TextLimits } from '#core';
import { ObservationKind, ParticipantGroup } from '../../testbed.enums.js';

const MAX_COUNT = 1_000_000;

@InputType('TestParticipantCountInput')
export class ParticipantCountInput {
  @Field(() => ParticipantGroup)
  @IsEnum(ParticipantGroup)
  group: ParticipantGroup;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  women: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  men: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  otherOrUnknown: number;
}

@InputType({ description: 'Counts replace earlier counts of the same groups. Counts only, never identities.' })
export class RecordParticipantsInput {
  @Field(() => ID)
  @IsUUID()
  protocolId: string;

  @Field(() => [ParticipantCountInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique((c: ParticipantCountInput) => c.group)
  @ValidateNested({ each: true })
  @Type(() => ParticipantCountInput)
  counts: ParticipantCountInput[];
}

@InputType()
export class AddObservationInput {
  @Field(() => ID)
  @IsUUID()
  protocolId: string;

  @Field(() => ObservationKind)
  @IsEnum(ObservationKind)
  kind: ObservationKind;

  @Field()
  @RequiredText(TextLimits.long)
  description: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  @IsOptional()
  @IsDateString({ strict: true })
  occurredOn?: string | null;
}

@InputType()
export class ReportDeviationInput {
  @Field(() => ID)
  @IsUUID()
  protocolId: string;

  @Field()
  @RequiredText(TextLimits.long)
  description: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  @IsOptional()
  @IsDateString({ strict: true })
  occurredOn?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  actionTaken?: string | null;
}

@InputType()
export class ReportTechnicalFaultInput {
  @Field(() => ID)
  @IsUUID()
  protocolId: string;

  @Field()
  @RequiredText(TextLimits.long)
  description: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  @IsOptional()
  @IsDateString({ strict: true })
  occurredOn?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.name)
  affectedComponent?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  resolved?: boolean | null;
}

@InputType({ description: 'The result of one success criterion; recording again replaces it.' })
export class RecordTestResultInput {
  @Field(() => ID)
  @IsUUID()
  protocolId: string;

  @Field(() => ID)
  @IsUUID()
  criterionId: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1e12)
  @Max(1e12)
  measuredValue: number;

  @Field()
  @IsBoolean()
  met: boolean;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  comment?: string | null;
}
