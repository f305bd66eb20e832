import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { DOOR_RULES, type ValueRules } from '../value-rules';
import { UnitLevelSchema } from '../vocabulary';

export function unitDataSchemas(rules: ValueRules) {
  return {
    UnitRegistered: z
      .strictObject({
        unitId: IdentifierSchema,
        name: rules.text(256),
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
      }),
    UnitReassigned: z.strictObject({
      unitId: IdentifierSchema,
      parentUnitId: IdentifierSchema,
    }),
  };
}

const door = unitDataSchemas(DOOR_RULES);
export const UnitRegisteredDataSchema = door.UnitRegistered;
export const UnitReassignedDataSchema = door.UnitReassigned;

export type UnitRegisteredData = z.infer<typeof UnitRegisteredDataSchema>;
export type UnitReassignedData = z.infer<typeof UnitReassignedDataSchema>;
