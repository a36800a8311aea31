import type { EntityManager } from 'typeorm';

// The SQL of health: the database round trip and the workers' heartbeats. Values as parameters.

/** One round trip: answers when Postgres does. */
export async function ping(tx: EntityManager): Promise<void> {
  await tx.query('SELECT 1');
}

export async function forgetHeartbeatsBefore(tx: EntityManager, before: Date): Promise<void> {
  await tx.query(`DELETE FROM worker_heartbeats WHERE last_beat_at < $1`, [before]);
}

export async function upsertHeartbeat(
  tx: EntityManager,
  beat: {
    worker: string;
    host: string;
    pid: number;
    startedAt: Date;
    lastBeatAt: Date;
    queues: string[];
    details: unknown;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO worker_heartbeats (worker, host, pid, started_at, last_beat_at, queues, details) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (worker) DO UPDATE SET last_beat_at = EXCLUDED.last_beat_at, queues = EXCLUDED.queues, details = EXCLUDED.details`,
    [beat.worker, beat.host, beat.pid, beat.startedAt, beat.lastBeatAt, beat.queues, beat.details],
  );
}

export async function removeHeartbeat(tx: EntityManager, worker: string): Promise<void> {
  await tx.query(`DELETE FROM worker_heartbeats WHERE worker = $1`, [worker]);
}

/** The latest beat of any worker (null when none has beaten). */
export async function lastHeartbeatAt(tx: EntityManager): Promise<Date | null> {
  const [row] = await tx.query<{ last: Date | null }[]>(`SELECT max(last_beat_at) AS last FROM worker_heartbeats`);
  return row?.last ?? null;
}
