import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { parentsFrom, parseAsOf, unitsOutsideScope } from '@vigil/domain';
import {
  evaluateDirective,
  figuresProjection,
  listDirectives,
  loadDirective,
  readContext,
  servingSchemaOf,
  unitParentsNow,
  unitStats,
} from '@vigil/projections';
import { type AuthenticatedRequest, PG_POOL, problems, Roles, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import type { Pool } from 'pg';
import { z } from 'zod';
import { asOfParam, categoryParam, optionalText, parseQuery, requiredDate } from './query-parameters';

const ProgressQuerySchema = z.strictObject({ unitId: optionalText, asOf: asOfParam });

const StatsQuerySchema = z
  .strictObject({ from: requiredDate, to: requiredDate, category: categoryParam, asOf: asOfParam })
  .superRefine(
    ({ from, to }, context) => {
      if (isDate(from) && isDate(to) && to < from)
        context.addIssue({ code: 'custom', path: ['to'], message: `must not be before from ${from}` });
    },
    { when: () => true },
  );

const isDate = (value: unknown): value is string => typeof value === 'string' && value !== '';

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
  async progress(@Param('directiveId') directiveId: string, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { unitId, asOf } = parseQuery(ProgressQuerySchema, query);
    const options = {
      asOf: this.asOf(asOf),
      current: asOf === undefined,
      timeZone: this.config.VIGIL_TIMEZONE,
      ...(unitId === undefined ? {} : { unitId }),
    };
    const loaded = await loadDirective(this.pool, this.schema, directiveId, options);
    if (loaded === null) throw problems.notFound(`No directive ${directiveId}.`);
    await this.checkScope(request, unitId !== undefined ? [unitId] : [...new Set(loaded.targets.map((target) => target.unitId))]);
    return evaluateDirective(loaded, options);
  }

  @Get('units/:unitId/stats')
  async stats(@Param('unitId') unitId: string, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { from, to, category, asOf } = parseQuery(StatsQuerySchema, query);
    await this.checkScope(request, [unitId]);
    return unitStats(this.pool, this.schema, {
      unitId,
      from,
      to,
      asOf: this.asOf(asOf),
      current: asOf === undefined,
      timeZone: this.config.VIGIL_TIMEZONE,
      ...(category === undefined ? {} : { category }),
    });
  }

  /** The instant `asOf` denotes; now when absent. */
  private asOf(asOf: string | undefined): Date {
    return asOf === undefined ? new Date() : parseAsOf(asOf, this.config.VIGIL_TIMEZONE);
  }

  /** An analyst reads only its subtree, as the tree stands now in the figures; an operator reads everything. */
  private async checkScope(request: AuthenticatedRequest, unitIds: readonly string[]): Promise<void> {
    const { principal } = request;
    if (principal.role === 'operator' || unitIds.length === 0) return;
    const parents = await unitParentsNow(this.pool, this.schema, unitIds, new Date());
    const outside = unitsOutsideScope(principal, parentsFrom(parents), unitIds);
    if (outside.length > 0) {
      throw problems.forbidden(
        'OUT_OF_SCOPE',
        `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not under ${principal.unit}.`,
      );
    }
  }
}
