import type { CategoryEvent, HotspotKind } from '@vigil/contract';
import { INITIAL, type Initial } from '../initial';

export type HotspotEvent = CategoryEvent<'hotspots'>;

export interface HotspotFacts {
  readonly hotspotId: string;
  readonly unitId: string;
  readonly kind: HotspotKind;
  readonly name: string;
  readonly identifiedAt: string;
  /** The years of the transformation lists it was put on, in the order listed. */
  readonly listedYears: readonly number[];
}

/** Known, and not currently transformed (never was, or relapsed). */
export type IdentifiedHotspot = HotspotFacts & { readonly status: 'identified' };
export type TransformedHotspot = HotspotFacts & { readonly status: 'transformed' };
/** Wiped out: final. */
export type EliminatedHotspot = HotspotFacts & { readonly status: 'eliminated' };

export type HotspotState = Initial | IdentifiedHotspot | TransformedHotspot | EliminatedHotspot;
export type KnownHotspot = IdentifiedHotspot | TransformedHotspot;

export const initialHotspotState: HotspotState = INITIAL;

/** Complex areas are transformed, never eliminated. */
export const ELIMINABLE_KINDS: readonly HotspotKind[] = ['drug_hotspot', 'drug_retail_point'];
