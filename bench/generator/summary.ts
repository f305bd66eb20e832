import type { EventEnvelope, EventType } from '@vigil/contract';

/** Counts per event type and per source, and the share of late events: what a generated load looks like. */
export class LoadSummary {
  readonly byType = new Map<EventType, number>();
  readonly bySource = new Map<string, number>();
  total = 0;
  late = 0;
  private latestDay = '';

  add(event: EventEnvelope): void {
    this.total += 1;
    this.byType.set(event.type, (this.byType.get(event.type) ?? 0) + 1);
    const source = event.metadata?.sourceSystem ?? '';
    this.bySource.set(source, (this.bySource.get(source) ?? 0) + 1);
    // A day or more before the latest day seen so far (both in UTC, good enough for a count).
    const day = new Date(event.occurredAt).toISOString().slice(0, 10);
    if (day > this.latestDay) this.latestDay = day;
    else if (Date.parse(this.latestDay) - Date.parse(day) >= 2 * 86_400_000) this.late += 1;
  }

  lines(): string[] {
    const types = [...this.byType].sort((a, b) => b[1] - a[1]);
    const pct = (n: number) => `${((100 * n) / this.total).toFixed(2)} %`;
    return [
      `${this.total} events from ${this.bySource.size} upstream systems, ${this.late} reported 2+ days late`,
      ...types.map(([type, n]) => `  ${type.padEnd(20)} ${String(n).padStart(9)}  ${pct(n)}`),
    ];
  }
}
