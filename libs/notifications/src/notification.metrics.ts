import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, collectSafely, MetricsService } from '#core';
import { pendingEmails } from './notifications.queries.js';

/** The e-mail outbox: notifications not yet sent (pending or being sent) and the age of the oldest. */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const { dataSource, clock } = this;
    let oldestAt: Date | null = null;
    this.metrics.gauge({
      name: 'noden_outbox_pending',
      help: 'Notifications whose e-mail is pending or being sent',
      async collect() {
        await collectSafely(this, async () => {
          const row = await pendingEmails(dataSource.manager);
          this.set(row.pending);
          oldestAt = row.oldest ? new Date(row.oldest) : null;
        });
      },
    });
    this.metrics.gauge({
      name: 'noden_outbox_oldest_age_seconds',
      help: 'Age of the oldest notification whose e-mail is not yet sent (0 when none)',
      // Registered after noden_outbox_pending, whose collect reads the row: one query per scrape for both.
      collect() {
        this.set(oldestAt ? Math.max(0, (clock.now().getTime() - oldestAt.getTime()) / 1000) : 0);
      },
    });
  }
}
