import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per app; components add their own instruments to it. The process and
 * Node.js metrics keep prom-client's standard names (`process_cpu_seconds_total`,
 * `nodejs_heap_size_total_bytes`, …) so stock dashboards and alerts find them.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly sources: (() => string)[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** More Prometheus text appended to this registry's (e.g. the `vigil_*` families of a worker thread). */
  addSource(text: () => string): void {
    this.sources.push(text);
  }

  /** The registry in Prometheus text format, with the added sources. */
  async text(): Promise<string> {
    const own = await this.registry.metrics();
    return [own, ...this.sources.map((source) => source())].filter((part) => part.length > 0).join('\n');
  }

  counter(name: string, help: string, labelNames: string[] = []): Counter {
    return (
      (this.registry.getSingleMetric(name) as Counter) ?? new Counter({ name, help, labelNames, registers: [this.registry] })
    );
  }

  gauge(name: string, help: string, labelNames: string[] = []): Gauge {
    return (this.registry.getSingleMetric(name) as Gauge) ?? new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  histogram(name: string, help: string, labelNames: string[] = [], buckets?: number[]): Histogram {
    return (
      (this.registry.getSingleMetric(name) as Histogram) ??
      new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) })
    );
  }
}
