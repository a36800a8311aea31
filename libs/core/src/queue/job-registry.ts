import { SetMetadata } from '@nestjs/common';
import type { Job, JobsOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config.js';

/** Queues route work; each domain with jobs has one. */
export enum QueueName {
  System = 'system',
  Notifications = 'notifications',
  Procurement = 'procurement',
  FollowUp = 'followup',
  Federation = 'federation',
}

export interface JobDefinition<P> {
  /** A value of the domain's job-name enum, e.g. `followUp.open`. */
  readonly name: string;
  readonly queue: QueueName;
  /**
   * The job id, derived from what the job acts on, so enqueueing twice is harmless.
   * No `:` (BullMQ reserves it); omit only for scheduled jobs.
   */
  readonly jobId?: (payload: P) => string;
  readonly attempts?: number;
  readonly backoffMs?: number;
  /** Phantom field carrying the payload type. */
  readonly __payload?: P;
}

export interface JobSchedule {
  readonly id: string;
  readonly job: JobDefinition<Record<string, never>>;
  /** Milliseconds, or read from the configuration (reconcilers: `RECONCILE_INTERVAL_SECONDS`). */
  readonly every?: number | ((config: AppConfig) => number);
  readonly pattern?: string;
  /**
   * Also run once when the worker starts and whenever the schedules had to be registered again (Redis lost
   * them): reconcilers, so lost work does not wait for the first tick.
   */
  readonly runAtStartup?: boolean;
}

export interface JobHandler<P> {
  handle(payload: P, job: Job<P>): Promise<unknown>;
}

const definitions = new Map<string, JobDefinition<unknown>>();
const schedules = new Map<string, JobSchedule>();

/**
 * `export const OpenFollowUpJob = defineJob<{ followUpId: string; dueAt: string }>({ name: FollowUpJobName.Open, queue: QueueName.FollowUp, jobId: (p) => … })`.
 * Each name is defined once; the worker refuses to start unless each has exactly one handler.
 */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  if (definitions.has(definition.name)) throw new Error(`Job "${definition.name}" is defined twice`);
  if (definition.name.includes(':')) throw new Error(`Job name "${definition.name}" must not contain ":"`);
  definitions.set(definition.name, definition as JobDefinition<unknown>);
  return definition;
}

/** Registers a BullMQ job scheduler; the worker upserts all of them at start and removes unknown ones. */
export function defineSchedule(schedule: JobSchedule): JobSchedule {
  if (schedules.has(schedule.id)) throw new Error(`Schedule "${schedule.id}" is defined twice`);
  if (!schedule.every === !schedule.pattern)
    throw new Error(`Schedule "${schedule.id}" needs exactly one of every or pattern`);
  schedules.set(schedule.id, schedule);
  return schedule;
}

export const JobRegistry = {
  definitions: (): JobDefinition<unknown>[] => [...definitions.values()],
  definition: (name: string): JobDefinition<unknown> | undefined => definitions.get(name),
  schedules: (): JobSchedule[] => [...schedules.values()],
};

export const JOB_HANDLER = 'noden:job-handler';

/** Marks a provider as the one handler of a job: `@HandlesJob(OpenFollowUpJob) class OpenFollowUpHandler implements JobHandler<…>`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any job definition, whatever its payload type
export const HandlesJob = (definition: JobDefinition<never> | JobDefinition<any>): ClassDecorator =>
  SetMetadata(JOB_HANDLER, definition.name);

/** The one function that sets job options: id, delay, attempts, backoff, retention. */
export function jobOptions<P>(definition: JobDefinition<P>, payload: P, delayMs = 0): JobsOptions {
  const jobId = definition.jobId?.(payload);
  if (jobId?.includes(':')) throw new Error(`Job id "${jobId}" must not contain ":"`);
  return {
    jobId,
    delay: Math.max(0, Math.round(delayMs)),
    attempts: definition.attempts ?? 5,
    backoff: { type: 'exponential', delay: definition.backoffMs ?? 2000 },
    // Completed ids are kept a day so a duplicate enqueue in that time is ignored; handlers re-check Postgres anyway.
    removeOnComplete: { age: 86_400, count: 5_000 },
    removeOnFail: { age: 7 * 86_400 },
  };
}
