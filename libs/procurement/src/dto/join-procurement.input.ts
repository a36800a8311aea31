import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RequiredText, TextLimits } from '#core';

@InputType()
export class LotVolumeInput {
  @Field(() => ID)
  @IsUUID()
  lotId: string;

  @Field(() => Int, { description: 'Expected number of units over the agreement.' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  estimatedVolume: number;
}

@InputType()
export class JoinProcurementInput {
  @Field(() => ID)
  @IsUUID()
  procurementId: string;

  @Field(() => ID, {
    nullable: true,
    description: "The joining organisation; defaults to the caller's (node staff must give it).",
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field()
  @RequiredText(TextLimits.name)
  contactName: string;

  @Field()
  @IsEmail()
  @MaxLength(320)
  contactEmail: string;

  @Field(() => [LotVolumeInput], { description: 'An estimated volume for each lot the organisation joins.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LotVolumeInput)
  volumes: LotVolumeInput[];
}

@InputType()
export class WithdrawParticipationInput {
  @Field(() => ID)
  @IsUUID()
  procurementId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}
