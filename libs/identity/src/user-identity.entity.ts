import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person's account at an identity provider, linked to their Noden user by the provider's stable key. */
@ObjectType({ description: 'An account at an identity provider that signs this user in.' })
@Entity({ name: 'user_identities' })
export class UserIdentity {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  providerId: string;

  @Field({ description: 'OIDC issuer or SAML IdP entity id.' })
  @Column({ type: 'text' })
  issuer: string;

  @Field({ description: 'The provider’s stable id for the person (sub, tenant id + object id, NameID, HSA-id).' })
  @Column({ type: 'text' })
  subject: string;

  @Field(() => String, { nullable: true, description: 'The e-mail the provider sent last time (informative only).' })
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @Column({ type: 'timestamptz' })
  lastSignInAt: Date;
}
