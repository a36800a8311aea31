import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, collectSafely, MetricsService } from '#core';

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
          const [row] = await dataSource.query<Record<'open' | 'overdue' | 'scheduled_past_due', number>[]>(
            `SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open,
                    count(*) FILTER (WHERE status = 'OVERDUE')::int AS overdue,
                    count(*) FILTER (WHERE status = 'SCHEDULED' AND due_on <= $1::date)::int AS scheduled_past_due
               FROM follow_ups WHERE status IN ('SCHEDULED', 'OPEN', 'OVERDUE')`,
            [clock.today()],
          );
          for (const state of ['open', 'overdue', 'scheduled_past_due'] as const) this.set({ state }, row[state]);
        });
      },
    });
  }
}
