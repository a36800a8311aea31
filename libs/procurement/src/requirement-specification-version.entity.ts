import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description:
    'One published version of the requirement specification (kravspecifikation); every version is kept (S1:2562).',
})
@Entity({ name: 'requirement_specification_versions' })
export class RequirementSpecificationVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  procurementId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  version: number;

  @Field()
  @Column({ type: 'text' })
  summary: string;

  @Field(() => [String], { description: 'Links (https) to the documents.' })
  @Column({ type: 'text', array: true })
  documentUrls: string[];

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  publishedAt: Date;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  publishedByUserId: string | null;
}
