import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { DOOR_RULES, type ValueRules } from '../value-rules';
import { IncidentKindSchema, WeaponKindSchema } from '../vocabulary';

export function measureDataSchemas(rules: ValueRules) {
  return {
    WeaponsCollected: z.strictObject({
      unitId: IdentifierSchema,
      items: rules.count(),
      kind: WeaponKindSchema,
    }),
    IndicatorMeasured: z.strictObject({
      unitId: IdentifierSchema,
      indicator: IdentifierSchema,
      value: rules.reading(),
      denominator: rules.denominator().optional(),
    }),
    IncidentRecorded: z.strictObject({
      unitId: IdentifierSchema,
      kind: IncidentKindSchema,
      deaths: rules.casualties(),
      injuries: rules.casualties(),
    }),
  };
}

const door = measureDataSchemas(DOOR_RULES);
export const WeaponsCollectedDataSchema = door.WeaponsCollected;
export const IndicatorMeasuredDataSchema = door.IndicatorMeasured;
export const IncidentRecordedDataSchema = door.IncidentRecorded;

export type WeaponsCollectedData = z.infer<typeof WeaponsCollectedDataSchema>;
export type IndicatorMeasuredData = z.infer<typeof IndicatorMeasuredDataSchema>;
export type IncidentRecordedData = z.infer<typeof IncidentRecordedDataSchema>;
