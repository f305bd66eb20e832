import type { EventDataOf, EventType } from '@vigil/contract';
import { DAYS, type LocalTime } from './calendar';

/** An event before it gets its id: what happened, when, and which upstream system reports it. */
export type Draft = {
  [T in EventType]: {
    readonly type: T;
    readonly data: EventDataOf<T>;
    readonly at: LocalTime;
    readonly source: string;
    readonly utc: boolean;
    /** Reported this many days after it happened: occurredAt lies before the events around it. */
    readonly lateDays?: number;
  };
}[EventType];

export function draft<T extends EventType>(
  type: T,
  data: EventDataOf<T>,
  at: LocalTime,
  source: string,
  utc = false,
  lateDays?: number,
): Draft {
  return { type, data, at, source, utc, ...(lateDays ? { lateDays } : {}) } as Draft;
}

/**
 * Follow-up events waiting for their day. Each aggregate schedules its later events on strictly
 * later days, so sorting one day's events by time never puts an aggregate's events out of order.
 */
export class Schedule {
  private readonly days = new Map<number, Draft[]>();

  add(item: Draft): void {
    if (item.at.day >= DAYS) return; // after the simulated period: not happened yet
    const list = this.days.get(item.at.day);
    if (list) list.push(item);
    else this.days.set(item.at.day, [item]);
  }

  take(day: number): Draft[] {
    const list = this.days.get(day) ?? [];
    this.days.delete(day);
    return list;
  }
}
