import { Injectable } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';

export const METRIC_PREFIX = 'noden_';

/**
 * The process's one Prometheus registry. Modules register their series here (get-or-create by name, so two
 * providers asking for the same counter share it); `/metrics` on the api and the worker's METRICS_PORT expose it.
 * Labels must come from bounded sets (queue, job, route template, error code): never ids, e-mails or free text.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private processMetrics = false;

  /** prom-client's process metrics (RSS, heap, event-loop lag, GC): only in processes that serve /metrics. */
  enableProcessMetrics(): void {
    if (this.processMetrics) return;
    this.processMetrics = true;
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return this.getOrCreate(config.name, () => new Counter({ ...config, registers: [this.registry] }));
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return this.getOrCreate(config.name, () => new Gauge({ ...config, registers: [this.registry] }));
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return this.getOrCreate(config.name, () => new Histogram({ ...config, registers: [this.registry] }));
  }

  /** The exposition text; a collector that fails (database down) leaves its series out instead of failing all. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private getOrCreate<M>(name: string, create: () => M): M {
    if (!name.startsWith(METRIC_PREFIX)) throw new Error(`metric ${name} must start with ${METRIC_PREFIX}`);
    return (this.registry.getSingleMetric(name) as M | undefined) ?? create();
  }
}

/**
 * Keeps a label's values bounded when they come from clients (GraphQL operation names): well-formed names up
 * to `limit` distinct ones, then `_other`.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly pattern = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
  ) {}

  of(value: string | null | undefined, fallback = '_anonymous'): string {
    if (!value) return fallback;
    if (!this.pattern.test(value)) return '_other';
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.limit) return '_other';
    this.seen.add(value);
    return value;
  }
}

/** Runs a collector's query with a deadline; a failure leaves the gauge's previous values out of this scrape. */
export async function collectSafely(gauge: Gauge<string>, work: () => Promise<void>, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
  } catch {
    gauge.reset();
  } finally {
    clearTimeout(timer);
  }
}
