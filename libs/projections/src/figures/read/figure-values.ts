import type { CaseCategory, CaseSeverity, CompareFigure } from '@vigil/contract';
import { percentOf } from '@vigil/domain';
import type { Family, Values } from '../write/fact-delta';
import { filteredTotal, kindTotal } from './case-keys';
import type { KeySums } from './sums';

/** The families a compare figure reads (hotspotsTransformed reads the hotspots). */
export const FAMILIES_OF: Record<CompareFigure, readonly Family[]> = {
  casesOpened: ['case'],
  casesCleared: ['case'],
  clearanceRate: ['case'],
  casesProsecuted: ['case'],
  personsArrested: ['arrest'],
  weaponsCollected: ['weapons'],
  incidents: ['incident'],
  deaths: ['incident'],
  injuries: ['incident'],
  hotspotsTransformed: [],
};

export interface CaseFilterQuery {
  readonly category?: CaseCategory;
  readonly severity?: readonly CaseSeverity[];
}

/** Totals of one window or bucket: each family's values (the case filter applied to cases and arrests) and the hotspots transformed. */
export interface WindowTotals {
  readonly case: Values;
  readonly arrest: Values;
  readonly weapons: Values;
  readonly incident: Values;
  readonly hotspotsTransformed: number;
}

export function totalOf(family: Family, sums: KeySums, filter: CaseFilterQuery): Values {
  return family === 'case' || family === 'arrest'
    ? filteredTotal(sums, { category: filter.category ?? null, severity: filter.severity ?? null })
    : kindTotal(sums);
}

/** A compare figure from a window's totals: counts as they are, the clearance rate in percent (null without a case). */
export function figureValue(figure: CompareFigure, totals: WindowTotals): number | null {
  switch (figure) {
    case 'casesOpened':
      return totals.case[0];
    case 'casesCleared':
      return totals.case[1];
    case 'clearanceRate':
      return percentOf(totals.case[1], totals.case[0]);
    case 'casesProsecuted':
      return totals.case[2];
    case 'personsArrested':
      return totals.arrest[0];
    case 'weaponsCollected':
      return totals.weapons[0];
    case 'incidents':
      return totals.incident[0];
    case 'deaths':
      return totals.incident[1];
    case 'injuries':
      return totals.incident[2];
    case 'hotspotsTransformed':
      return totals.hotspotsTransformed;
  }
}
