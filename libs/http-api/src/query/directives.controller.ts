import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import {
  DirectiveDetailAnswerSchema,
  DirectiveDetailQuerySchema,
  DirectiveListAnswerSchema,
  DirectiveListQuerySchema,
  DirectivePathSchema,
  EvidenceAnswerSchema,
  EvidencePathSchema,
  EvidenceQuerySchema,
  ProgressAnswerSchema,
  ProgressQuerySchema,
} from '@vigil/contract';
import { endOfLocalDayExclusive, visibleDirective } from '@vigil/domain';
import {
  decodeCursor,
  directiveDetail,
  encodeCursor,
  evaluateDirective,
  listDirectives,
  loadDirective,
  type LoadedDirective,
  targetEvidence,
} from '@vigil/projections';
import { type AuthenticatedRequest, type AuthPrincipal, problems, Roles } from '@vigil/platform';
import { Answers } from '../csv/negotiation.interceptor';
import { directiveNotFound, FiguresReader, outOfScope, targetNotFound } from './figures-reader';
import { parsePath, parseQuery } from './query-parameters';

/** Directives, their progress and the evidence of each figure (CONTRACT.md §5), read from the figures projection. */
@Controller('v1/directives')
@Roles('analyst')
export class DirectivesController {
  constructor(private readonly figures: FiguresReader) {}

  /** Only directives the caller may see, each with the targets it may see (CONTRACT.md §5 1.1, Scope). */
  @Get()
  @Answers('listDirectives')
  async list(@Query() query: unknown, @Req() request: AuthenticatedRequest) {
    parseQuery(DirectiveListQuerySchema, query);
    const { context } = await this.figures.reading(undefined);
    const directives = await listDirectives(context);
    const units = directives.flatMap((d) => [d.issuedByUnitId, ...d.targets.map((t) => t.unitId)]);
    const parentOf = await this.figures.parentsNow([request.principal.unit, ...new Set(units)]);
    const visible = directives.flatMap((directive) => {
      const targets = visibleDirective(request.principal, parentOf, directive);
      return targets === null ? [] : [{ ...directive, targets: targets.map(({ target }) => target) }];
    });
    return DirectiveListAnswerSchema.parse({ directives: visible });
  }

  @Get(':directiveId')
  @Answers('getDirective')
  async detail(@Param() path: unknown, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { directiveId } = parsePath(DirectivePathSchema, path);
    const { asOf } = parseQuery(DirectiveDetailQuerySchema, query);
    const reading = await this.figures.reading(asOf);
    const detail = await directiveDetail(reading.context, directiveId, reading.asOf);
    if (detail === null) throw directiveNotFound(directiveId);
    const visible = await this.visible(request.principal, detail);
    const kept = new Set(visible.map(({ target }) => target.targetId));
    return DirectiveDetailAnswerSchema.parse({ ...detail, targets: detail.targets.filter((t) => kept.has(t.targetId)) });
  }

  @Get(':directiveId/progress')
  @Answers('getDirectiveProgress')
  async progress(@Param() path: unknown, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { directiveId } = parsePath(DirectivePathSchema, path);
    const { unitId, asOf, at } = parseQuery(ProgressQuerySchema, query);
    const loaded = await this.load(directiveId, asOf, at, unitId, request.principal);
    return ProgressAnswerSchema.parse(await evaluateDirective(loaded.directive, loaded.options));
  }

  @Get(':directiveId/progress/:targetId/evidence')
  @Answers('getTargetEvidence')
  async evidence(@Param() path: unknown, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { directiveId, targetId } = parsePath(EvidencePathSchema, path);
    const { unitId, asOf, at, cursor } = parseQuery(EvidenceQuerySchema, query);
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (after === null && cursor !== undefined)
      throw problems.validation([{ path: 'cursor', message: 'is not a cursor of this list', code: 'invalid_value' }]);
    const { directive, options } = await this.load(directiveId, asOf, at, unitId, request.principal);
    const target = directive.targets.find((t) => t.targetId === targetId);
    if (target === undefined) throw targetNotFound(directiveId, targetId);
    const evaluatedFor = options.unitId ?? target.unitId;
    const elapsedAt = at === undefined ? options.asOf : new Date(endOfLocalDayExclusive(at, this.figures.timeZone).getTime() - 1);
    const evidence = await targetEvidence(
      directive.context,
      target,
      { unitId: evaluatedFor, standsOn: at ?? null, elapsedAt },
      after,
    );
    return EvidenceAnswerSchema.parse({
      targetId,
      unitId: evaluatedFor,
      numerator: evidence.numerator,
      denominator: evidence.denominator,
      items: evidence.items,
      nextCursor: evidence.nextAfter === null ? null : encodeCursor(evidence.nextAfter),
    });
  }

  /**
   * The directive as known with the targets the caller may see, each under the unit it is evaluated for:
   * `unitId` (in scope) for all, else a target's own unit, or the caller's root when the target's unit lies above it.
   */
  private async load(
    directiveId: string,
    asOf: string | undefined,
    at: string | undefined,
    unitId: string | undefined,
    principal: AuthPrincipal,
  ) {
    const reading = await this.figures.reading(asOf);
    if (unitId !== undefined) this.figures.knownUnit(reading.context, unitId);
    const options = {
      asOf: reading.asOf,
      current: asOf === undefined,
      timeZone: this.figures.timeZone,
      ...(at === undefined ? {} : { at }),
      ...(unitId === undefined ? {} : { unitId }),
    };
    const loaded = await loadDirective(this.figures.pool, this.figures.schema, directiveId, options);
    if (loaded === null) throw directiveNotFound(directiveId);
    if (unitId !== undefined) await this.figures.checkScope(principal, [unitId]);
    const visible = await this.visible(principal, { issuedByUnitId: loaded.directive.issuedByUnitId, targets: loaded.targets });
    const directive: LoadedDirective = {
      ...loaded,
      targets: visible.map(({ target, evaluatedFor }) => ({ ...target, unitId: evaluatedFor })),
    };
    return { directive, options };
  }

  /** The targets the caller may see (403 OUT_OF_SCOPE when it may not see the directive). */
  private async visible<T extends { unitId: string }>(
    principal: AuthPrincipal,
    directive: { issuedByUnitId: string; targets: readonly T[] },
  ) {
    const parentOf = await this.figures.parentsNow([
      principal.unit,
      directive.issuedByUnitId,
      ...directive.targets.map((t) => t.unitId),
    ]);
    const visible = visibleDirective(principal, parentOf, directive);
    if (visible === null) throw outOfScope('This directive', principal.unit);
    return visible;
  }
}
