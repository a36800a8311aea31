import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A supplier (leverantör) of welfare technology.' })
@Entity({ name: 'suppliers' })
export class Supplier {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Swedish organisation number (organisationsnummer).' })
  @Column({ type: 'text', nullable: true })
  organizationNumber: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
