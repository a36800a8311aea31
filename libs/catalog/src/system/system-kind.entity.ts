import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description:
    'A kind of municipal system (care documentation, alarm receiving centre…), seeded from the reference data.',
})
@Entity({ name: 'system_kinds' })
export class SystemKind {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Stable key, e.g. ALARM_RECEIVER.' })
  @Column({ type: 'text' })
  key: string;

  @Field()
  @Column({ type: 'text' })
  labelSv: string;

  @Field()
  @Column({ type: 'text' })
  labelEn: string;

  @Field(() => Int)
  @Column({ type: 'integer', default: 0 })
  sortOrder: number;
}
