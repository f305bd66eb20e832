import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { DOOR_RULES, type ValueRules } from '../value-rules';
import { HotspotKindSchema } from '../vocabulary';

export function hotspotDataSchemas(rules: ValueRules) {
  return {
    HotspotIdentified: z.strictObject({
      hotspotId: IdentifierSchema,
      unitId: IdentifierSchema,
      kind: HotspotKindSchema,
      name: rules.text(256),
    }),
    HotspotListed: z.strictObject({
      hotspotId: IdentifierSchema,
      year: z.int().min(1900).max(2999),
    }),
    HotspotTransformed: z.strictObject({ hotspotId: IdentifierSchema }),
    HotspotRelapsed: z.strictObject({ hotspotId: IdentifierSchema }),
    HotspotEliminated: z.strictObject({ hotspotId: IdentifierSchema }),
  };
}

const door = hotspotDataSchemas(DOOR_RULES);
export const HotspotIdentifiedDataSchema = door.HotspotIdentified;
export const HotspotListedDataSchema = door.HotspotListed;
export const HotspotTransformedDataSchema = door.HotspotTransformed;
export const HotspotRelapsedDataSchema = door.HotspotRelapsed;
export const HotspotEliminatedDataSchema = door.HotspotEliminated;

export type HotspotIdentifiedData = z.infer<typeof HotspotIdentifiedDataSchema>;
export type HotspotListedData = z.infer<typeof HotspotListedDataSchema>;
export type HotspotTransformedData = z.infer<typeof HotspotTransformedDataSchema>;
export type HotspotRelapsedData = z.infer<typeof HotspotRelapsedDataSchema>;
export type HotspotEliminatedData = z.infer<typeof HotspotEliminatedDataSchema>;
