import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { HotspotListAnswerSchema, HotspotListQuerySchema } from '@vigil/contract';
import { listHotspots } from '@vigil/projections';
import { type AuthenticatedRequest, PG_POOL, Roles } from '@vigil/platform';
import type { Pool } from 'pg';
import { Answers } from '../csv/negotiation.interceptor';
import { parseQuery } from './query-parameters';
import { RegisterScope } from './register-scope';

@Controller('v1/hotspots')
export class HotspotsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly scope: RegisterScope,
  ) {}

  /** The hotspot register of a unit's subtree, by hotspot id. */
  @Get()
  @Roles('analyst')
  @Answers('listHotspots')
  async list(@Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { unitId, status, cursor, limit } = parseQuery(HotspotListQuerySchema, query);
    const after = this.scope.after(cursor);
    const unit = await this.scope.unitFor(request.principal, unitId);
    return HotspotListAnswerSchema.parse(await listHotspots(this.pool, { unitId: unit, status, after, limit }));
  }
}
