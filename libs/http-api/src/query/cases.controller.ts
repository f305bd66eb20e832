import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { CaseListAnswerSchema, CaseListQuerySchema } from '@vigil/contract';
import { listCases } from '@vigil/projections';
import { type AuthenticatedRequest, PG_POOL, Roles } from '@vigil/platform';
import type { Pool } from 'pg';
import { Answers } from '../csv/negotiation.interceptor';
import { parseQuery } from './query-parameters';
import { RegisterScope } from './register-scope';

@Controller('v1/cases')
export class CasesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly scope: RegisterScope,
  ) {}

  /** The case register of a unit's subtree, by case id. */
  @Get()
  @Roles('analyst')
  @Answers('listCases')
  async list(@Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { unitId, status, category, cursor, limit } = parseQuery(CaseListQuerySchema, query);
    const after = this.scope.after(cursor);
    const unit = await this.scope.unitFor(request.principal, unitId);
    return CaseListAnswerSchema.parse(await listCases(this.pool, { unitId: unit, status, category, after, limit }));
  }
}
