import type { EventEnvelope } from '@vigil/contract';
import type { CaseState, DirectiveState, HotspotState } from '@vigil/domain';

/**
 * The units an event acts on, for the token's scope check: every one must lie in the caller's
 * subtree. `null` stands for "above every unit" (registering a ministry), allowed to operators only.
 * Events on an aggregate that does not exist name no unit here: the rules answer them (…_NOT_FOUND).
 */
export function scopeUnitsOf(event: EventEnvelope, state: unknown): (string | null)[] {
  switch (event.type) {
    case 'UnitRegistered':
      return [event.data.parentUnitId];
    case 'UnitReassigned':
      return [event.data.unitId, event.data.parentUnitId];
    case 'DirectiveIssued':
      return [event.data.issuedByUnitId];
    case 'TargetSet':
      return [event.data.unitId];
    case 'TargetRevised':
    case 'TargetWithdrawn': {
      const directive = state as DirectiveState;
      const target = directive.status === 'issued' ? directive.targets.get(event.data.targetId) : undefined;
      return target ? [target.unitId] : [];
    }
    case 'CaseOpened':
    case 'HotspotIdentified':
    case 'WeaponsCollected':
    case 'IndicatorMeasured':
    case 'IncidentRecorded':
      return [event.data.unitId];
    case 'CaseCleared':
    case 'ArrestMade':
    case 'CaseProsecuted':
    case 'CaseReclassified':
    case 'CaseVoided': {
      const existing = state as CaseState;
      return existing.status === 'initial' ? [] : [existing.unitId];
    }
    case 'HotspotListed':
    case 'HotspotTransformed':
    case 'HotspotRelapsed':
    case 'HotspotEliminated': {
      const existing = state as HotspotState;
      return existing.status === 'initial' ? [] : [existing.unitId];
    }
  }
}
