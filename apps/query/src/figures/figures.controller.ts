import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { servingSchemaOf } from '@vigil/projections';
import { type AuthenticatedRequest, PG_POOL, problems, Roles, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import type { Pool } from 'pg';
import {
  evaluateDirective,
  figuresProjection,
  listDirectives,
  loadDirective,
  readContext,
  unitStats,
  unitsInScope,
} from '@vigil/projections';
import { QueryParameters } from './query-parameters';

/** Directives, their progress and unit stats (CONTRACT.md §5), read from the figures projection. */
@Controller('v1')
@Roles('analyst')
export class FiguresController {
  private readonly schema = servingSchemaOf(figuresProjection);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  @Get('directives')
  async directives() {
    return { directives: await listDirectives(await readContext(this.pool, this.schema, null)) };
  }

  @Get('directives/:directiveId/progress')
  async progress(
    @Param('directiveId') directiveId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: AuthenticatedRequest,
  ) {
    const parameters = new QueryParameters(query);
    const now = new Date();
    const asOf = parameters.asOf(this.config.VIGIL_TIMEZONE, now);
    const unitId = parameters.optionalText('unitId');
    parameters.done();
    const options = {
      asOf,
      current: asOf === now,
      timeZone: this.config.VIGIL_TIMEZONE,
      ...(unitId === undefined ? {} : { unitId }),
    };
    const loaded = await loadDirective(this.pool, this.schema, directiveId, options);
    if (loaded === null) throw problems.notFound(`No directive ${directiveId}.`);
    await this.checkScope(request, unitId !== undefined ? [unitId] : [...new Set(loaded.targets.map((t) => t.unitId))]);
    return evaluateDirective(loaded, options);
  }

  @Get('units/:unitId/stats')
  async stats(@Param('unitId') unitId: string, @Query() query: Record<string, unknown>, @Req() request: AuthenticatedRequest) {
    const parameters = new QueryParameters(query);
    const from = parameters.date('from');
    const to = parameters.date('to');
    parameters.ordered(from, to);
    const category = parameters.category();
    const now = new Date();
    const asOf = parameters.asOf(this.config.VIGIL_TIMEZONE, now);
    parameters.done();
    await this.checkScope(request, [unitId]);
    return unitStats(this.pool, this.schema, {
      unitId,
      from,
      to,
      asOf,
      current: asOf === now,
      timeZone: this.config.VIGIL_TIMEZONE,
      ...(category === undefined ? {} : { category }),
    });
  }

  /** An analyst reads only its subtree, as the tree stands now; an operator reads everything. */
  private async checkScope(request: AuthenticatedRequest, unitIds: readonly string[]): Promise<void> {
    const { principal } = request;
    if (principal.role === 'operator' || unitIds.length === 0) return;
    const inScope = await unitsInScope(this.pool, this.schema, principal.unit, unitIds, new Date());
    const outside = unitIds.filter((unitId) => !inScope.has(unitId));
    if (outside.length > 0) {
      throw problems.forbidden(
        'OUT_OF_SCOPE',
        `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not under ${principal.unit}.`,
      );
    }
  }
}
