import { unhandled } from '../exhaustive';
import type { MeasureEvent, MeasureState } from './measure.state';

export function evolveMeasure(state: MeasureState, event: MeasureEvent): MeasureState {
  switch (event.type) {
    case 'WeaponsCollected':
    case 'IndicatorMeasured':
    case 'IncidentRecorded':
      return { status: 'recording', unitId: event.data.unitId, events: state.status === 'recording' ? state.events + 1 : 1 };
    default:
      return unhandled(event);
  }
}
