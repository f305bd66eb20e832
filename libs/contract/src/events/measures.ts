import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { IncidentKindSchema, WeaponKindSchema } from '../vocabulary';

export const WeaponsCollectedDataSchema = z.strictObject({
  unitId: IdentifierSchema,
  items: z.int().min(1),
  kind: WeaponKindSchema,
});

export const IndicatorMeasuredDataSchema = z.strictObject({
  unitId: IdentifierSchema,
  indicator: IdentifierSchema,
  value: z.number().min(0),
  denominator: z.number().positive().optional(),
});

export const IncidentRecordedDataSchema = z.strictObject({
  unitId: IdentifierSchema,
  kind: IncidentKindSchema,
  deaths: z.int().min(0),
  injuries: z.int().min(0),
});

export type WeaponsCollectedData = z.infer<typeof WeaponsCollectedDataSchema>;
export type IndicatorMeasuredData = z.infer<typeof IndicatorMeasuredDataSchema>;
export type IncidentRecordedData = z.infer<typeof IncidentRecordedDataSchema>;
