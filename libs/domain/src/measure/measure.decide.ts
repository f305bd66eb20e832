import { requireUnit, type DecisionContext } from '../context';
import type { Decision } from '../errors';
import { unhandled } from '../exhaustive';
import type { MeasureEvent, MeasureState } from './measure.state';

export function decideMeasure(_state: MeasureState, event: MeasureEvent, context: DecisionContext): Decision {
  switch (event.type) {
    case 'WeaponsCollected':
    case 'IndicatorMeasured':
    case 'IncidentRecorded':
      return requireUnit(context, event.data.unitId);
    default:
      return unhandled(event);
  }
}
