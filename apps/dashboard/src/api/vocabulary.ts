import type { CompareFigure, CompareWindow, TargetStatus } from './types';

/** A list that names every member of the union U exactly (a missing one fails type-checking). */
const every =
  <U extends string>() =>
  <const L extends readonly U[]>(list: L & ([U] extends [L[number]] ? unknown : never)): L =>
    list;

export const COMPARE_WINDOWS = every<CompareWindow>()(['week', '28d', 'month', 'ytd']);

/** In the order the CompStat table shows them (CONTRACT §5, compare). */
export const COMPARE_FIGURES = every<CompareFigure>()([
  'casesOpened',
  'casesCleared',
  'clearanceRate',
  'casesProsecuted',
  'personsArrested',
  'weaponsCollected',
  'incidents',
  'deaths',
  'injuries',
  'hotspotsTransformed',
]);

/** Worst first: the order a sort by status uses. */
export const STATUS_ORDER = every<TargetStatus>()(['missed', 'at_risk', 'on_track', 'achieved']);
