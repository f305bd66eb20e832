import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { HotspotKindSchema } from '../vocabulary';
import { NameSchema, NextCursorSchema, TimestampSchema } from './answers';
import { CursorSchema, LimitSchema, UnitIdParameterSchema } from './parameters';

/** GET /v1/hotspots: the hotspot register of a unit's subtree, by hotspot id (CONTRACT.md §5). */

export const HOTSPOT_STATUSES = ['identified', 'listed', 'transformed', 'relapsed', 'eliminated'] as const;
export const HotspotStatusSchema = z.enum(HOTSPOT_STATUSES);

export const HotspotListQuerySchema = z.strictObject({
  unitId: UnitIdParameterSchema.optional().meta({ description: 'whose subtree to list; default the token’s unit' }),
  status: HotspotStatusSchema.optional(),
  cursor: CursorSchema.optional(),
  limit: LimitSchema,
});

/** One hotspot of the register; instants are the latest such event's `occurredAt`. */
export const HotspotItemSchema = z.strictObject({
  hotspotId: IdentifierSchema,
  unitId: IdentifierSchema,
  kind: HotspotKindSchema,
  name: NameSchema,
  status: HotspotStatusSchema,
  identifiedAt: TimestampSchema,
  listedYears: z.array(z.int()).meta({ description: 'the years of the transformation lists it is on, ascending' }),
  transformedAt: TimestampSchema.nullable(),
  relapsedAt: TimestampSchema.nullable(),
  eliminatedAt: TimestampSchema.nullable(),
  lastRevision: z.int().min(0).meta({ description: 'the revision of its stream the register reflects' }),
});

export const HotspotListAnswerSchema = z.strictObject({ items: z.array(HotspotItemSchema), nextCursor: NextCursorSchema });

export type HotspotStatus = z.infer<typeof HotspotStatusSchema>;
export type HotspotItem = z.infer<typeof HotspotItemSchema>;
export type HotspotListAnswer = z.infer<typeof HotspotListAnswerSchema>;

export const EXAMPLE_HOTSPOT_LIST: HotspotListAnswer = {
  items: [
    {
      hotspotId: 'LCI-HS-0042',
      unitId: 'VN-LCI-LCC-COCSAN',
      kind: 'drug_retail_point',
      name: 'Điểm bán lẻ ma túy bờ sông Km 7',
      status: 'relapsed',
      identifiedAt: '2024-02-01T01:00:00.000Z',
      listedYears: [2024],
      transformedAt: '2024-10-31T10:00:00.000Z',
      relapsedAt: '2025-03-01T01:00:00.000Z',
      eliminatedAt: null,
      lastRevision: 3,
    },
  ],
  nextCursor: null,
};
