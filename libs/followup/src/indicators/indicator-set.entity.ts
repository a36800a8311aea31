import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum IndicatorType {
  COUNT = 'COUNT',
  PERCENT = 'PERCENT',
  SCALE_1_5 = 'SCALE_1_5',
  YES_NO = 'YES_NO',
  TEXT = 'TEXT',
}
registerEnumType(IndicatorType, {
  name: 'IndicatorType',
  valuesMap: {
    COUNT: { description: 'Antal: heltal ≥ 0.' },
    PERCENT: { description: 'Procent: 0–100.' },
    SCALE_1_5: { description: 'Skala 1–5 (heltal).' },
    YES_NO: { description: 'Ja/nej (true/false).' },
    TEXT: { description: 'Fritext (kan innehålla personuppgifter; aggregeras inte).' },
  },
});

@ObjectType({
  description:
    'En version av indikatorerna för ett teknikområde (eller standard för alla). Oföränderlig: en ändring är en ny version.',
})
@Entity({ name: 'indicator_sets' })
export class IndicatorSet {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { nullable: true, description: 'Null: the default for every category without its own set.' })
  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @Field(() => Int)
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;
}

@ObjectType()
@Entity({ name: 'indicators' })
export class Indicator {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  indicatorSetId: string;

  @Field({ description: 'Stable key used in answers, e.g. `perceivedSafety`.' })
  @Column({ type: 'text' })
  key: string;

  @Field()
  @Column({ type: 'text' })
  labelSv: string;

  @Field()
  @Column({ type: 'text' })
  labelEn: string;

  @Field(() => IndicatorType)
  @Column({ type: 'text' })
  type: IndicatorType;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  unit: string | null;

  @Field()
  @Column({ type: 'boolean' })
  required: boolean;

  @Field(() => Int)
  @Column({ type: 'integer' })
  sortOrder: number;
}
