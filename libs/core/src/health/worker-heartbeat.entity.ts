import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'worker_heartbeats' })
export class WorkerHeartbeat {
  @PrimaryColumn({ type: 'text' })
  worker: string;

  @Column({ type: 'timestamptz' })
  lastBeatAt: Date;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
