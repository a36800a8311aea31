import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Role } from '../auth/role.js';
import { UserRole } from './user-role.entity.js';

/** The languages Noden speaks (libs/words has a catalogue for each). */
export enum Language {
  sv = 'sv',
  en = 'en',
}
registerEnumType(Language, {
  name: 'Language',
  valuesMap: { sv: { description: 'Svenska' }, en: { description: 'English' } },
});

@ObjectType({ description: 'A person using Noden; belongs to one organisation.' })
@Entity({ name: 'users' })
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  /** Exposed through UserFieldsResolver.email, by UserPolicy: never to other organisations. */
  @Column({ type: 'text' })
  email: string;

  @Field()
  @Column({ type: 'text' })
  displayName: string;

  /** Null for people who sign in only through their organisation's identity provider. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Field()
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** Set by `inviteUser`; the invitation binds to the first identity this person signs in with. */
  @Column({ type: 'timestamptz', nullable: true })
  invitedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  invitationExpiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  invitationAcceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  invitedByUserId: string | null;

  @Field(() => Language, {
    description: 'The language the user chose: the web app starts in it, notifications and e-mails are written in it.',
  })
  @Column({ type: 'text', default: Language.sv })
  language: Language;

  @OneToMany(() => UserRole, (role) => role.user, { cascade: ['insert'] })
  roleRows: Relation<UserRole>[];

  @Field(() => [Role])
  get roles(): Role[] {
    return (this.roleRows ?? []).map((row) => row.role).sort();
  }

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
