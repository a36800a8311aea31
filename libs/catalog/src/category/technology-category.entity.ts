import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A technology category (teknikområde), seeded from the reference data.' })
@Entity({ name: 'technology_categories' })
export class TechnologyCategory {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Stable key, e.g. DIGITAL_SUPERVISION.' })
  @Column({ type: 'text' })
  key: string;

  @Field({ description: 'Swedish label.' })
  @Column({ type: 'text' })
  labelSv: string;

  @Field({ description: 'English label.' })
  @Column({ type: 'text' })
  labelEn: string;

  @Field({ description: 'A national priority of the 2020–2022 agreement (S1:1732).' })
  @Column({ type: 'boolean', default: false })
  nationalPriority: boolean;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  examples: string[];

  @Field(() => Int)
  @Column({ type: 'integer', default: 0 })
  sortOrder: number;
}
