import type { EventOf } from '@vigil/contract';
import { unhandled } from '../exhaustive';
import type { HotspotEvent, HotspotState, IdentifiedHotspot, KnownHotspot } from './hotspot.state';

export function evolveHotspot(state: HotspotState, event: HotspotEvent): HotspotState {
  if (event.type === 'HotspotIdentified') return identified(event);
  if (state.status !== 'identified' && state.status !== 'transformed') return state;
  switch (event.type) {
    case 'HotspotListed':
      return { ...state, listedYears: [...state.listedYears, event.data.year] };
    case 'HotspotTransformed':
      return withStatus(state, 'transformed');
    case 'HotspotRelapsed':
      return withStatus(state, 'identified');
    case 'HotspotEliminated':
      return withStatus(state, 'eliminated');
    default:
      return unhandled(event);
  }
}

function identified(event: EventOf<'HotspotIdentified'>): IdentifiedHotspot {
  const { hotspotId, unitId, kind, name } = event.data;
  return { status: 'identified', hotspotId, unitId, kind, name, identifiedAt: event.occurredAt, listedYears: [] };
}

function withStatus<S extends HotspotState['status']>(state: KnownHotspot, status: S) {
  return { ...state, status };
}
