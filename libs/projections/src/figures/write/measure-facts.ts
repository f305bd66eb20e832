import type { StoredEvent } from '@vigil/contract';
import type { FactDelta } from './fact-delta';
import { countOf, instantOf } from './limits';

type CountedMeasure = StoredEvent<'WeaponsCollected' | 'IncidentRecorded'>;

/** Weapons collected and incidents are facts once recorded, never replaced. */
export function measureDelta(event: CountedMeasure): FactDelta {
  const common = {
    unitId: event.data.unitId,
    occurredAt: instantOf(event, event.occurredAt, 'occurredAt'),
    key: event.data.kind,
    item: event.eventId,
    positions: [String(event.position)],
    clearedAt: null,
    prosecutedAt: null,
  };
  const fact =
    event.type === 'WeaponsCollected'
      ? { ...common, family: 'weapons' as const, values: [countOf(event, event.data.items, 'items'), 0, 0, 0] as const }
      : {
          ...common,
          family: 'incident' as const,
          values: [
            1,
            countOf(event, event.data.deaths, 'deaths', 0),
            countOf(event, event.data.injuries, 'injuries', 0),
            0,
          ] as const,
        };
  return { fact, sign: 1, knownAt: Date.parse(event.recordedAt) };
}
