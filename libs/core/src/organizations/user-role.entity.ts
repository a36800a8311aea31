import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Role } from '../auth/role.js';
import { User } from './user.entity.js';

@Entity({ name: 'user_roles' })
export class UserRole {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  role: Role;

  @Column({ type: 'timestamptz' })
  grantedAt: Date;

  @ManyToOne(() => User, (user) => user.roleRows, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: Relation<User>;
}
