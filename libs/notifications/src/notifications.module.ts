import { OutboxMetrics } from './notification.metrics.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './notification.entity.js';
import { NotificationService } from './notification.service.js';
import { NotificationResolver } from './notification.resolver.js';
import { NotificationDeliveryService } from './notification-delivery.service.js';
import { Mailer } from './mailer.js';
import { DeliverNotificationsHandler, SweepNotificationsHandler } from './jobs/deliver-notifications.handler.js';

/** The outbox every domain writes to, the in-app list, and delivery by e-mail. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  providers: [
    NotificationService,
    NotificationResolver,
    NotificationDeliveryService,
    Mailer,
    DeliverNotificationsHandler,
    SweepNotificationsHandler,
    OutboxMetrics,
  ],
  exports: [NotificationService, NotificationDeliveryService],
})
export class NotificationsModule {}
