import type { CategoryEvent } from '@vigil/contract';
import { INITIAL, type Initial } from '../initial';

export type MeasureEvent = CategoryEvent<'measures'>;

/** A unit's measured work (weapons, indicators, incidents): the figures live in the projections. */
export interface RecordingMeasures {
  readonly status: 'recording';
  readonly unitId: string;
  readonly events: number;
}

export type MeasureState = Initial | RecordingMeasures;

export const initialMeasureState: MeasureState = INITIAL;
