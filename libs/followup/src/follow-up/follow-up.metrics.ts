import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, collectSafely, MetricsService } from '#core';
import { followUpStateCounts } from './follow-up.queries.js';

/** Follow-ups waiting for an answer (open, overdue) and any whose due date passed without the worker opening them. */
@Injectable()
export class FollowUpMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const { dataSource, clock } = this;
    this.metrics.gauge({
      name: 'noden_followups',
      help: 'Follow-ups by state: open (due, awaiting an answer), overdue, and scheduled_past_due (due but not yet opened by the worker)',
      labelNames: ['state'],
      async collect() {
        await collectSafely(this, async () => {
          const counts = await followUpStateCounts(dataSource, clock.today());
          this.set({ state: 'open' }, counts.open);
          this.set({ state: 'overdue' }, counts.overdue);
          this.set({ state: 'scheduled_past_due' }, counts.scheduledPastDue);
        });
      },
    });
  }
}
