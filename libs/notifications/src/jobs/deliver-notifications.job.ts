import { defineJob, defineSchedule, QueueName } from '#core';

export enum NotificationJobName {
  Deliver = 'notifications.deliver',
  Sweep = 'notifications.sweep',
}

/** Delivers the given notifications now (enqueued after the transaction that wrote them). */
export const DeliverNotificationsJob = defineJob<{ notificationIds: string[] }>({
  name: NotificationJobName.Deliver,
  queue: QueueName.Notifications,
  jobId: (p) => `deliver.${[...p.notificationIds].sort()[0]}.${p.notificationIds.length}`,
});

/** Delivers whatever is still pending: the outbox is the record, so nothing depends on the first job. */
export const SweepNotificationsJob = defineJob<Record<string, never>>({
  name: NotificationJobName.Sweep,
  queue: QueueName.Notifications,
  attempts: 1,
});

defineSchedule({
  id: 'notifications-sweep',
  job: SweepNotificationsJob,
  every: (config) => config.reconcileIntervalMs,
  runAtStartup: true,
});
