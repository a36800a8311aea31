import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Organization, Suppression } from '#core';

@ObjectType({ description: "How one municipality's implementations of a product fared at a follow-up wave." })
export class WaveExperience {
  @Field(() => Int, { description: '12 or 24 months after going live.' })
  wave: number;

  @Field(() => Int, { description: 'Follow-ups of this wave answered (0: no answer yet).' })
  answered: number;

  @Field(() => Int, { description: 'Answers saying the product is still in use.' })
  stillInUse: number;

  @Field(() => Float, { nullable: true, description: 'Mean perceived safety, 1–5; null without answers.' })
  perceivedSafety: number | null;

  @Field(() => Int, { nullable: true, description: 'Technical faults reported in those answers.' })
  technicalFaults: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Active users in those answers: a count of people, withheld from others when 1 to 4.',
  })
  activeUsers: number | null;

  @Field(() => Suppression, { nullable: true })
  suppression: Suppression | null;
}

@ObjectType({ description: 'A municipality of the county that called the product off, and how it fared.' })
export class MunicipalityExperience {
  @Field(() => Organization)
  organization: Organization;

  @Field({ description: 'The latest call-off (YYYY-MM-DD).' })
  lastCalledOffOn: string;

  @Field(() => Int, { description: 'Implementations of the product recorded by the municipality.' })
  implementations: number;

  @Field(() => [WaveExperience], { description: 'The 12- and 24-month waves, in that order.' })
  waves: WaveExperience[];
}

@ObjectType({
  description:
    'What the county knows of a product before a call-off: who called it off, how it fared, and open deviations from its tests.',
})
export class ProductExperience {
  @Field(() => ID)
  productId: string;

  @Field(() => [MunicipalityExperience], { description: 'Most recent call-off first.' })
  municipalities: MunicipalityExperience[];

  @Field(() => Int, {
    description: 'Deviations reported in tests of the product (that the caller may see) with no action recorded yet.',
  })
  openDeviations: number;
}
