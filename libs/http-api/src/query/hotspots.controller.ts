import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { IdentifierSchema } from '@vigil/contract';
import { HOTSPOT_STATUSES, listHotspots } from '@vigil/projections';
import { type AuthenticatedRequest, PG_POOL, Roles } from '@vigil/platform';
import type { Pool } from 'pg';
import { z } from 'zod';
import { pageParams, parseQuery } from './query-parameters';
import { RegisterScope } from './register-scope';

const HotspotsQuerySchema = z.strictObject({
  unitId: IdentifierSchema.optional(),
  status: z.enum(HOTSPOT_STATUSES).optional(),
  ...pageParams,
});

@Controller('v1/hotspots')
export class HotspotsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly scope: RegisterScope,
  ) {}

  /** The hotspot register of a unit's subtree, by hotspot id. */
  @Get()
  @Roles('analyst')
  async list(@Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { unitId, status, cursor, limit } = parseQuery(HotspotsQuerySchema, query);
    const after = this.scope.after(cursor);
    const unit = await this.scope.unitFor(request.principal, unitId);
    return listHotspots(this.pool, { unitId: unit, status, after, limit });
  }
}
