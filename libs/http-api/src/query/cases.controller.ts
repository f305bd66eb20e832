import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { CaseCategorySchema, IdentifierSchema } from '@vigil/contract';
import { CASE_STATUSES, listCases } from '@vigil/projections';
import { type AuthenticatedRequest, PG_POOL, Roles } from '@vigil/platform';
import type { Pool } from 'pg';
import { z } from 'zod';
import { pageParams, parseQuery } from './query-parameters';
import { RegisterScope } from './register-scope';

const CasesQuerySchema = z.strictObject({
  unitId: IdentifierSchema.optional(),
  status: z.enum(CASE_STATUSES).optional(),
  category: CaseCategorySchema.optional(),
  ...pageParams,
});

@Controller('v1/cases')
export class CasesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly scope: RegisterScope,
  ) {}

  /** The case register of a unit's subtree, by case id. */
  @Get()
  @Roles('analyst')
  async list(@Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { unitId, status, category, cursor, limit } = parseQuery(CasesQuerySchema, query);
    const after = this.scope.after(cursor);
    const unit = await this.scope.unitFor(request.principal, unitId);
    return listCases(this.pool, { unitId: unit, status, category, after, limit });
  }
}
