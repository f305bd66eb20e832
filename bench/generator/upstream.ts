import type { EventEnvelope } from '@vigil/contract';
import type { Province } from './topology';

/** The ministry's registers: the organisation tree and the directives. */
export const MINISTRY_SOURCE = 'mps-registry';

export function provinceSource(province: Province): string {
  return `${province.code.toLowerCase()}-police`;
}

/**
 * The upstream system that reports an event (its `metadata.sourceSystem`). Each system posts its
 * own events in order; different systems post concurrently, as the provinces do.
 */
export function upstreamOf(event: EventEnvelope): string {
  return event.metadata?.sourceSystem ?? MINISTRY_SOURCE;
}
