import { defineJob, defineSchedule, QueueName } from '#core';

export enum FederationJobName {
  Pull = 'federation.pull',
}

/**
 * Publishes what changed, then pulls every due peer. Peers that fail wait out their own backoff (kept in Postgres),
 * so this job never waits on them; it does nothing while federation is off.
 */
export const FederationPullJob = defineJob<Record<string, never>>({
  name: FederationJobName.Pull,
  queue: QueueName.Federation,
  attempts: 1,
});

defineSchedule({
  id: 'federation-pull',
  job: FederationPullJob,
  every: (config) => config.federation?.pullIntervalMs ?? 300_000,
  runAtStartup: true,
});
