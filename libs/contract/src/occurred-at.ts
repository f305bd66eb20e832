import { InstantSchema, isInstant } from './dates';
import type { Problem } from './problems';

export const EARLIEST_OCCURRED_AT = '1990-01-01T00:00:00Z';
export const MAX_OFFSET_MINUTES = 14 * 60;
/** How far after the moment it is posted an event may occur (clocks drift, zones differ). */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

const OFFSET = /(?:Z|([+-])(\d{2}):(\d{2}))$/;

function offsetMinutes(instant: string): number {
  const match = OFFSET.exec(instant);
  if (match === null || match[1] === undefined) return 0;
  return Number(match[2]) * 60 + Number(match[3]);
}

/**
 * `occurredAt` at the door (CONTRACT.md §2, 1.1): a timestamp with an offset within ±14:00, not
 * before 1990-01-01T00:00:00Z. The upper bound (24 hours after the moment it is posted) needs a
 * clock: `occurredAtTooLate` checks it with the `now` the caller passes, keeping this schema pure.
 */
export const OccurredAtSchema = InstantSchema.superRefine((instant, ctx) => {
  if (!isInstant(instant)) return;
  if (offsetMinutes(instant) > MAX_OFFSET_MINUTES) {
    ctx.addIssue({ code: 'invalid_format', format: 'datetime', message: 'must have an offset from -14:00 to +14:00' });
  } else if (Date.parse(instant) < Date.parse(EARLIEST_OCCURRED_AT)) {
    ctx.addIssue({
      code: 'too_small',
      origin: 'date',
      minimum: Date.parse(EARLIEST_OCCURRED_AT),
      message: `must not be before ${EARLIEST_OCCURRED_AT}`,
    });
  }
}).meta({
  description: `ISO-8601 timestamp with an offset within ±14:00, from ${EARLIEST_OCCURRED_AT} to 24 hours after the moment it is posted`,
});

/** The problem of an `occurredAt` more than 24 hours after `now`, or null. */
export function occurredAtTooLate(occurredAt: string, now: Date): Problem | null {
  const latest = now.getTime() + FUTURE_TOLERANCE_MS;
  if (!isInstant(occurredAt) || Date.parse(occurredAt) <= latest) return null;
  return {
    path: '/occurredAt',
    message: `must not be more than 24 hours after the moment it is posted (at most ${new Date(latest).toISOString()})`,
    code: 'too_big',
  };
}
