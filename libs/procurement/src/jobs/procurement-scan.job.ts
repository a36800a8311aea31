import { defineJob, defineSchedule, QueueName } from '#core';

export enum ProcurementJobName {
  Scan = 'procurement.scan',
}

/**
 * The daily reconciler: expires ended agreements and sends the reminders that are due by the Clock.
 * Everything it does is keyed in Postgres (status, notification dedupe keys), so running it twice is harmless.
 */
export const ProcurementScanJob = defineJob<Record<string, never>>({
  name: ProcurementJobName.Scan,
  queue: QueueName.Procurement,
  attempts: 3,
});

// 04:30 UTC is early morning in Sweden, after the calendar day has turned in Europe/Stockholm all year round.
defineSchedule({ id: 'procurement-scan', job: ProcurementScanJob, pattern: '30 4 * * *', runAtStartup: true });
