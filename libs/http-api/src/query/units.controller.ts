import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import {
  CompareAnswerSchema,
  CompareQuerySchema,
  SeriesAnswerSchema,
  SeriesQuerySchema,
  StatsAnswerSchema,
  StatsQuerySchema,
  UnitDetailAnswerSchema,
  UnitDetailQuerySchema,
  UnitListAnswerSchema,
  UnitListQuerySchema,
  UnitPathSchema,
} from '@vigil/contract';
import { childrenStats, listUnits, statsOf, unitCompare, unitDetail, unitSeries, unitVisibility } from '@vigil/projections';
import { type AuthenticatedRequest, Roles } from '@vigil/platform';
import { Answers } from '../csv/negotiation.interceptor';
import { FiguresReader, outOfScope, unitNotFound } from './figures-reader';
import { parsePath, parseQuery } from './query-parameters';

/** The organisation tree and each unit's figures (CONTRACT.md §5, Analyst views), read from the figures projection. */
@Controller('v1/units')
@Roles('analyst')
export class UnitsController {
  constructor(private readonly figures: FiguresReader) {}

  @Get()
  @Answers('listUnits')
  async list(@Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { parentUnitId, level, at = this.figures.today(), asOf } = parseQuery(UnitListQuerySchema, query);
    const { context } = await this.figures.reading(asOf);
    const visible = unitVisibility(context, request.principal, at);
    if (parentUnitId !== undefined) {
      this.figures.knownUnit(context, parentUnitId);
      if (!visible(parentUnitId)) throw outOfScope(parentUnitId, request.principal.unit);
    }
    return UnitListAnswerSchema.parse(
      listUnits(context, { at, visible, ...(parentUnitId ? { parentUnitId } : {}), ...(level ? { level } : {}) }),
    );
  }

  @Get(':unitId')
  @Answers('getUnit')
  async detail(@Param() path: unknown, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { unitId } = parsePath(UnitPathSchema, path);
    const { at = this.figures.today(), asOf } = parseQuery(UnitDetailQuerySchema, query);
    const { context } = await this.figures.reading(asOf);
    const visible = unitVisibility(context, request.principal, at);
    const detail = unitDetail(context, unitId, at, visible);
    if (detail === null) throw unitNotFound(unitId);
    if (!visible(unitId)) throw outOfScope(unitId, request.principal.unit);
    return UnitDetailAnswerSchema.parse(detail);
  }

  @Get(':unitId/stats')
  @Answers('getUnitStats')
  async stats(@Param() path: unknown, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { unitId } = parsePath(UnitPathSchema, path);
    const { from, to, category, severity, breakdown, asOf } = parseQuery(StatsQuerySchema, query);
    const { context } = await this.figures.reading(asOf);
    this.figures.knownUnit(context, unitId);
    await this.figures.checkScope(request.principal, [unitId]);
    const options = {
      from,
      to,
      timeZone: this.figures.timeZone,
      ...(category ? { category } : {}),
      ...(severity ? { severity } : {}),
    };
    const [stats, children] = await Promise.all([
      statsOf(context, unitId, options),
      breakdown === 'children' ? childrenStats(context, unitId, options) : undefined,
    ]);
    return StatsAnswerSchema.parse(children === undefined ? stats : { ...stats, children });
  }

  @Get(':unitId/compare')
  @Answers('compareUnit')
  async compare(@Param() path: unknown, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { unitId } = parsePath(UnitPathSchema, path);
    const { at = this.figures.today(), category, severity, asOf, basis = 'stood' } = parseQuery(CompareQuerySchema, query);
    const reading = await this.figures.reading(asOf);
    this.figures.knownUnit(reading.context, unitId);
    await this.figures.checkScope(request.principal, [unitId]);
    const answer = await unitCompare(reading.context, {
      unitId,
      at,
      basis,
      asOf: reading.asOf,
      ...(category ? { category } : {}),
      ...(severity ? { severity } : {}),
    });
    return CompareAnswerSchema.parse(answer);
  }

  @Get(':unitId/series')
  @Answers('getUnitSeries')
  async series(@Param() path: unknown, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { unitId } = parsePath(UnitPathSchema, path);
    const { figure, grain, from, to, category, severity, asOf, basis = 'stood' } = parseQuery(SeriesQuerySchema, query);
    const { context } = await this.figures.reading(asOf);
    this.figures.knownUnit(context, unitId);
    await this.figures.checkScope(request.principal, [unitId]);
    const answer = await unitSeries(context, {
      unitId,
      figure,
      grain,
      from,
      to,
      basis,
      treeOn: this.figures.today(),
      ...(category ? { category } : {}),
      ...(severity ? { severity } : {}),
    });
    return SeriesAnswerSchema.parse(answer);
  }
}
