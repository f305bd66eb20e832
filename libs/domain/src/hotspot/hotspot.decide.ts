import type { EventOf } from '@vigil/contract';
import { requireUnit, type DecisionContext } from '../context';
import { domainError, type Decision } from '../errors';
import { unhandled } from '../exhaustive';
import { ELIMINABLE_KINDS, type HotspotEvent, type HotspotState, type KnownHotspot } from './hotspot.state';

export function decideHotspot(state: HotspotState, event: HotspotEvent, context: DecisionContext): Decision {
  switch (event.type) {
    case 'HotspotIdentified':
      return decideIdentified(state, event, context);
    case 'HotspotListed':
      return whenKnown(state, event.data.hotspotId, (hotspot) => decideListed(hotspot, event));
    case 'HotspotTransformed':
      return whenKnown(state, event.data.hotspotId, decideTransformed);
    case 'HotspotRelapsed':
      return whenKnown(state, event.data.hotspotId, decideRelapsed);
    case 'HotspotEliminated':
      return whenKnown(state, event.data.hotspotId, decideEliminated);
    default:
      return unhandled(event);
  }
}

function decideIdentified(state: HotspotState, event: EventOf<'HotspotIdentified'>, context: DecisionContext): Decision {
  if (state.status !== 'initial')
    return domainError('INVALID_TRANSITION', `hotspot ${event.data.hotspotId} is already identified`);
  return requireUnit(context, event.data.unitId);
}

function decideListed(hotspot: KnownHotspot, event: EventOf<'HotspotListed'>): Decision {
  const { year } = event.data;
  if (hotspot.listedYears.includes(year)) {
    return domainError('INVALID_TRANSITION', `hotspot ${hotspot.hotspotId} is already on the ${year} list`);
  }
  return null;
}

function decideTransformed(hotspot: KnownHotspot): Decision {
  if (hotspot.listedYears.length === 0) {
    return domainError('INVALID_TRANSITION', `hotspot ${hotspot.hotspotId} is not on a transformation list`);
  }
  if (hotspot.status === 'transformed')
    return domainError('INVALID_TRANSITION', `hotspot ${hotspot.hotspotId} is already transformed`);
  return null;
}

function decideRelapsed(hotspot: KnownHotspot): Decision {
  if (hotspot.status !== 'transformed') {
    return domainError('INVALID_TRANSITION', `hotspot ${hotspot.hotspotId} is not transformed, so it cannot relapse`);
  }
  return null;
}

function decideEliminated(hotspot: KnownHotspot): Decision {
  if (!ELIMINABLE_KINDS.includes(hotspot.kind)) {
    return domainError(
      'INVALID_TRANSITION',
      `hotspot ${hotspot.hotspotId} is a ${hotspot.kind}, which is transformed, not eliminated`,
    );
  }
  return null;
}

function whenKnown(state: HotspotState, hotspotId: string, rule: (hotspot: KnownHotspot) => Decision): Decision {
  if (state.status === 'initial') return domainError('HOTSPOT_NOT_FOUND', `hotspot ${hotspotId} has not been identified`);
  if (state.status === 'eliminated') return domainError('INVALID_TRANSITION', `hotspot ${hotspotId} was eliminated`);
  return rule(state);
}
