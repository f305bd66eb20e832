import { dayOf } from './calendar';
import { draft, type Draft } from './draft';
import { MINISTRY_ID, type Topology } from './topology';
import { MINISTRY_SOURCE } from './upstream';

/** The day districts were abolished: communes roll up under their province from then on. */
export const TWO_LEVEL_MODEL_DAY = dayOf('2025-07-01');
const START = { day: 0, minute: 0 };

/** The tree as it stood on 2024-01-01, parents before children. */
export function registrations({ provinces, districts, communes }: Topology): Draft[] {
  return [
    draft(
      'UnitRegistered',
      { unitId: MINISTRY_ID, name: 'Ministry of Public Security', level: 'ministry', parentUnitId: null },
      START,
      MINISTRY_SOURCE,
    ),
    ...provinces.map((p) =>
      draft(
        'UnitRegistered',
        { unitId: p.unitId, name: `${p.name} provincial police`, level: 'province', parentUnitId: MINISTRY_ID },
        START,
        MINISTRY_SOURCE,
      ),
    ),
    ...districts.map((d) =>
      draft(
        'UnitRegistered',
        { unitId: d.unitId, name: d.name, level: 'district', parentUnitId: d.province.unitId },
        START,
        MINISTRY_SOURCE,
      ),
    ),
    ...communes.map((c) =>
      draft(
        'UnitRegistered',
        { unitId: c.unitId, name: c.name, level: 'commune', parentUnitId: c.district.unitId },
        START,
        MINISTRY_SOURCE,
      ),
    ),
  ];
}

/** 2025-07-01: every commune moves from its district straight under its province. */
export function reassignments({ communes }: Topology): Draft[] {
  const at = { day: TWO_LEVEL_MODEL_DAY, minute: 0 };
  return communes.map((c) => draft('UnitReassigned', { unitId: c.unitId, parentUnitId: c.province.unitId }, at, MINISTRY_SOURCE));
}
