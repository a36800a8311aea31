import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed logins per e-mail and per client address, for throttling (kept in Postgres: shared by all api replicas). */
@Entity({ name: 'login_attempts' })
export class LoginAttempt {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'integer' })
  failures: number;

  @Column({ type: 'timestamptz' })
  firstFailureAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
