import { defineJob, defineSchedule, QueueName } from '#core';
import { FollowUpStep } from '../follow-up/follow-up-schedule.js';

export enum FollowUpJobName {
  Open = 'followUp.open',
  Remind = 'followUp.remind',
  Escalate = 'followUp.escalate',
  Reconcile = 'followUp.reconcile',
}

/** What a step job acts on: the follow-up as it was scheduled. A job for an older schedule is a no-op. */
export interface FollowUpStepPayload {
  followUpId: string;
  dueOn: string;
  scheduleVersion: number;
}

/** `followup.open.<id>.<dueOn>.v<n>`: enqueueing the same step twice is harmless; a moved date is a new job. */
export function stepJobId(step: FollowUpStep, p: FollowUpStepPayload): string {
  return `followup.${step}.${p.followUpId}.${p.dueOn}.v${p.scheduleVersion}`;
}

export const OpenFollowUpJob = defineJob<FollowUpStepPayload>({
  name: FollowUpJobName.Open,
  queue: QueueName.FollowUp,
  jobId: (p) => stepJobId(FollowUpStep.Open, p),
});
export const RemindFollowUpJob = defineJob<FollowUpStepPayload>({
  name: FollowUpJobName.Remind,
  queue: QueueName.FollowUp,
  jobId: (p) => stepJobId(FollowUpStep.Remind, p),
});
export const EscalateFollowUpJob = defineJob<FollowUpStepPayload>({
  name: FollowUpJobName.Escalate,
  queue: QueueName.FollowUp,
  jobId: (p) => stepJobId(FollowUpStep.Escalate, p),
});

export const STEP_JOBS = {
  [FollowUpStep.Open]: OpenFollowUpJob,
  [FollowUpStep.Remind]: RemindFollowUpJob,
  [FollowUpStep.Escalate]: EscalateFollowUpJob,
} as const;

/** Finds steps due in Postgres by the clock and makes sure a job runs for each: Redis may have lost them. */
export const ReconcileFollowUpsJob = defineJob<Record<string, never>>({
  name: FollowUpJobName.Reconcile,
  queue: QueueName.FollowUp,
  attempts: 1,
});

defineSchedule({
  id: 'followup-reconcile',
  job: ReconcileFollowUpsJob,
  every: (config) => config.reconcileIntervalMs,
  runAtStartup: true,
});
