import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per running worker process, written by the process's own timer (not through Redis). */
@Entity({ name: 'worker_heartbeats' })
export class WorkerHeartbeat {
  /** `<host>:<pid>:<random>`, new at every start. */
  @PrimaryColumn({ type: 'text' })
  worker: string;

  @Column({ type: 'text' })
  host: string;

  @Column({ type: 'integer' })
  pid: number;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz' })
  lastBeatAt: Date;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  queues: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
