import type { EventEnvelope } from '@vigil/contract';
import type { AggregateState } from './aggregate';
import { unhandled } from './exhaustive';
import { INITIAL } from './initial';

/**
 * The units an event concerns, for the ingest to load before deciding (and checking scope):
 * those it names, or, for an event that names none, the unit its aggregate belongs to as
 * recorded in `streamState`.
 */
export function unitsReferencedBy(event: EventEnvelope, streamState: AggregateState = INITIAL): readonly string[] {
  switch (event.type) {
    case 'UnitRegistered':
      return event.data.parentUnitId === null ? [] : [event.data.parentUnitId];
    case 'UnitReassigned':
      return [event.data.unitId, event.data.parentUnitId];
    case 'DirectiveIssued':
      return [event.data.issuedByUnitId];
    case 'TargetSet':
      return withIssuer(streamState, [event.data.unitId]);
    case 'CaseOpened':
    case 'HotspotIdentified':
    case 'WeaponsCollected':
    case 'IndicatorMeasured':
    case 'IncidentRecorded':
      return [event.data.unitId];
    case 'TargetRevised':
    case 'TargetWithdrawn': {
      const target = streamState.status === 'issued' ? streamState.targets.get(event.data.targetId) : undefined;
      return withIssuer(streamState, target ? [target.unitId] : []);
    }
    case 'CaseCleared':
    case 'ArrestMade':
    case 'CaseProsecuted':
    case 'CaseReclassified':
    case 'CaseVoided':
    case 'HotspotListed':
    case 'HotspotTransformed':
    case 'HotspotRelapsed':
    case 'HotspotEliminated':
      return 'unitId' in streamState ? [streamState.unitId] : [];
    default:
      return unhandled(event);
  }
}

/**
 * A directive belongs to the unit that issued it: its targets are set, revised and withdrawn only by
 * callers whose subtree holds that unit (as well as the target's unit), so the issuing unit comes
 * first among the units a target event acts on, once the directive is issued.
 */
function withIssuer(streamState: AggregateState, unitIds: readonly string[]): readonly string[] {
  if (streamState.status !== 'issued') return unitIds;
  const issuer = streamState.issuedByUnitId;
  return [issuer, ...unitIds.filter((unitId) => unitId !== issuer)];
}

/**
 * The unit whose whole ancestor chain the decision walks (a move's new parent, to detect a
 * cycle); the ingest loads it and every ancestor above it.
 */
export function needsAncestorsOf(event: EventEnvelope): string | null {
  return event.type === 'UnitReassigned' ? event.data.parentUnitId : null;
}

/**
 * The units an event acts on, for the scope check of a write (`writeOutsideScope`): the units it
 * references, and `null` for "above every unit" when it registers a root (a ministry). Events on
 * an aggregate that does not exist name no unit: the rules answer them (…_NOT_FOUND).
 */
export function scopeUnitsOf(event: EventEnvelope, streamState: AggregateState = INITIAL): readonly (string | null)[] {
  if (event.type === 'UnitRegistered' && event.data.parentUnitId === null) return [null];
  return unitsReferencedBy(event, streamState);
}
