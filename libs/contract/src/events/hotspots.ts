import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { textSchema } from '../text';
import { HotspotKindSchema } from '../vocabulary';

export const HotspotIdentifiedDataSchema = z.strictObject({
  hotspotId: IdentifierSchema,
  unitId: IdentifierSchema,
  kind: HotspotKindSchema,
  name: textSchema(256),
});

export const HotspotListedDataSchema = z.strictObject({
  hotspotId: IdentifierSchema,
  year: z.int().min(1900).max(2999),
});

export const HotspotTransformedDataSchema = z.strictObject({ hotspotId: IdentifierSchema });
export const HotspotRelapsedDataSchema = z.strictObject({ hotspotId: IdentifierSchema });
export const HotspotEliminatedDataSchema = z.strictObject({ hotspotId: IdentifierSchema });

export type HotspotIdentifiedData = z.infer<typeof HotspotIdentifiedDataSchema>;
export type HotspotListedData = z.infer<typeof HotspotListedDataSchema>;
export type HotspotTransformedData = z.infer<typeof HotspotTransformedDataSchema>;
export type HotspotRelapsedData = z.infer<typeof HotspotRelapsedDataSchema>;
export type HotspotEliminatedData = z.infer<typeof HotspotEliminatedDataSchema>;
