import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '#core';
import { DeliverNotificationsJob, SweepNotificationsJob } from './deliver-notifications.job.js';
import { NotificationDeliveryService } from '../notification-delivery.service.js';

@Injectable()
@HandlesJob(DeliverNotificationsJob)
export class DeliverNotificationsHandler implements JobHandler<{ notificationIds: string[] }> {
  constructor(private readonly delivery: NotificationDeliveryService) {}

  handle(payload: { notificationIds: string[] }) {
    return this.delivery.deliver(payload.notificationIds);
  }
}

@Injectable()
@HandlesJob(SweepNotificationsJob)
export class SweepNotificationsHandler implements JobHandler<Record<string, never>> {
  constructor(private readonly delivery: NotificationDeliveryService) {}

  handle() {
    return this.delivery.deliver();
  }
}
