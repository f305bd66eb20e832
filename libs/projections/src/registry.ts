import { figuresProjection } from './figures/figures.projection';
import type { Projection } from './projection';
import { casesProjection } from './registers/cases.projection';
import { hotspotsProjection } from './registers/hotspots.projection';
import { unitsProjection } from './registers/units.projection';

/** Every read model the projector keeps up to date. */
export const PROJECTIONS: readonly Projection[] = [unitsProjection, casesProjection, hotspotsProjection, figuresProjection];
