import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { textSchema } from '../text';
import { UnitLevelSchema } from '../vocabulary';

export const UnitRegisteredDataSchema = z
  .strictObject({
    unitId: IdentifierSchema,
    name: textSchema(256),
    level: UnitLevelSchema,
    parentUnitId: IdentifierSchema.nullable(),
  })
  .superRefine((data, ctx) => {
    if (data.level === 'ministry' && data.parentUnitId !== null) {
      ctx.addIssue({ code: 'custom', path: ['parentUnitId'], message: 'must be null for a ministry' });
    }
    if (data.level !== 'ministry' && data.parentUnitId === null) {
      ctx.addIssue({ code: 'custom', path: ['parentUnitId'], message: `is required for a ${data.level}` });
    }
  });

export const UnitReassignedDataSchema = z.strictObject({
  unitId: IdentifierSchema,
  parentUnitId: IdentifierSchema,
});

export type UnitRegisteredData = z.infer<typeof UnitRegisteredDataSchema>;
export type UnitReassignedData = z.infer<typeof UnitReassignedDataSchema>;
