import type { StoredEvent } from '@vigil/contract';
import { UnapplicableEventError } from '../../projection';

/**
 * What the figures can hold exactly. The door enforces the contract's bounds (CONTRACT.md §2); events
 * stored before those bounds existed may lie outside them, and one such event must not stop the
 * figures: it is set aside (dead-lettered) with the reason instead.
 */
const EARLIEST = Date.UTC(1000, 0, 2);
const LATEST = Date.UTC(9999, 11, 30);
const MAX_COUNT = 1_000_000_000;
const MAX_VALUE = 1e15;

export function instantOf(event: StoredEvent, text: string, what: string): number {
  const ms = Date.parse(text);
  if (!(ms >= EARLIEST && ms <= LATEST))
    throw new UnapplicableEventError(event, `${what} ${text} is outside the years 1000–9999`);
  return ms;
}

export function countOf(event: StoredEvent, value: number, what: string, min = 1): number {
  if (!Number.isSafeInteger(value) || value < min || value > MAX_COUNT)
    throw new UnapplicableEventError(event, `${what} ${value} is not a whole number from ${min} to ${MAX_COUNT}`);
  return value;
}

export function amountOf(event: StoredEvent, value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0 || value > MAX_VALUE)
    throw new UnapplicableEventError(event, `${what} ${value} is not a number from 0 to ${MAX_VALUE}`);
  return value;
}

/** A calendar date of a target's period or baseline. */
export function dateOf(event: StoredEvent, date: string, what: string): string {
  const year = Number(date.slice(0, 4));
  if (!(year >= 1000 && year <= 9998)) throw new UnapplicableEventError(event, `${what} ${date} is outside the years 1000–9998`);
  return date;
}
