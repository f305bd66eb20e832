import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { UnitLevelSchema } from '../vocabulary';
import { NameSchema, TimestampSchema, UnitRefSchema } from './answers';
import { AsOfSchema, AtSchema, LevelParameterSchema, UnitIdParameterSchema } from './parameters';

/** GET /v1/units and GET /v1/units/{unitId} (CONTRACT.md §5). */

export const UnitPathSchema = z.strictObject({ unitId: UnitIdParameterSchema });

export const UnitListQuerySchema = z.strictObject({
  parentUnitId: UnitIdParameterSchema.optional().meta({ description: 'only the children of this unit' }),
  level: LevelParameterSchema.optional(),
  at: AtSchema.optional(),
  asOf: AsOfSchema.optional(),
});

export const UnitDetailQuerySchema = z.strictObject({ at: AtSchema.optional(), asOf: AsOfSchema.optional() });

/** The tree on business date `at` as known at `asOf`: the analyst's subtree and the path above its root. */
export const UnitListAnswerSchema = z.strictObject({
  units: z.array(
    z.strictObject({
      unitId: IdentifierSchema,
      name: NameSchema,
      level: UnitLevelSchema,
      parentUnitId: IdentifierSchema.nullable().meta({ description: 'null for the ministry' }),
    }),
  ),
});

export const UnitDetailAnswerSchema = z.strictObject({
  unitId: IdentifierSchema,
  name: NameSchema,
  level: UnitLevelSchema,
  parentUnitId: IdentifierSchema.nullable(),
  path: z.array(UnitRefSchema).meta({ description: 'the units above it, root first, ending with its parent' }),
  children: z.array(UnitRefSchema),
  parents: z
    .array(
      z.strictObject({
        parentUnitId: IdentifierSchema.nullable(),
        validFrom: TimestampSchema.nullable().meta({
          description:
            'from when it rolls up under this parent (the move’s occurredAt); null for the parent it was registered with, which holds from the start',
        }),
        recordedAt: TimestampSchema,
      }),
    )
    .min(1)
    .meta({ description: 'every parent it has had, as known at `asOf`, oldest first' }),
});

export type UnitListAnswer = z.infer<typeof UnitListAnswerSchema>;
export type UnitDetailAnswer = z.infer<typeof UnitDetailAnswerSchema>;

export const EXAMPLE_UNIT_LIST: UnitListAnswer = {
  units: [
    { unitId: 'VN', name: 'Bộ Công an', level: 'ministry', parentUnitId: null },
    { unitId: 'VN-LCI', name: 'Công an tỉnh Lào Cai', level: 'province', parentUnitId: 'VN' },
    { unitId: 'VN-LCI-BXT', name: 'Công an huyện Bát Xát', level: 'district', parentUnitId: 'VN-LCI' },
    { unitId: 'VN-LCI-LCC', name: 'Công an thành phố Lào Cai', level: 'district', parentUnitId: 'VN-LCI' },
    { unitId: 'VN-LCI-LCC-COCSAN', name: 'Công an xã Cốc San', level: 'commune', parentUnitId: 'VN-LCI-LCC' },
  ],
};

export const EXAMPLE_UNIT_DETAIL: UnitDetailAnswer = {
  unitId: 'VN-LCI-LCC-COCSAN',
  name: 'Công an xã Cốc San',
  level: 'commune',
  parentUnitId: 'VN-LCI',
  path: [
    { unitId: 'VN', name: 'Bộ Công an', level: 'ministry' },
    { unitId: 'VN-LCI', name: 'Công an tỉnh Lào Cai', level: 'province' },
  ],
  children: [],
  parents: [
    { parentUnitId: 'VN-LCI-LCC', validFrom: null, recordedAt: '2024-01-02T01:30:12.004Z' },
    { parentUnitId: 'VN-LCI', validFrom: '2025-06-30T17:00:00.000Z', recordedAt: '2025-06-28T08:15:40.771Z' },
  ],
};
