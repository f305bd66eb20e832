import { Inject, Injectable } from '@nestjs/common';
import { localDateOf, parentsFrom, parseAsOf, type ParentOf, unitsOutsideScope } from '@vigil/domain';
import { figuresProjection, readContext, type ReadContext, servingSchemaOf, unitParentsNow, unitRef } from '@vigil/projections';
import { type AuthPrincipal, PG_POOL, ProblemError, problems, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import type { Pool } from 'pg';

export const unitNotFound = (unitId: string) => new ProblemError(404, 'UNIT_NOT_FOUND', 'Not found', `No unit ${unitId}.`);
export const directiveNotFound = (directiveId: string) =>
  new ProblemError(404, 'DIRECTIVE_NOT_FOUND', 'Not found', `No directive ${directiveId}.`);
export const targetNotFound = (directiveId: string, targetId: string) =>
  new ProblemError(404, 'TARGET_NOT_FOUND', 'Not found', `No target ${targetId} in directive ${directiveId}.`);
export const outOfScope = (what: string, root: string) =>
  problems.forbidden('OUT_OF_SCOPE', `${what} ${what.includes(',') ? 'are' : 'is'} not under ${root}.`);

/** One answer's reading of the figures: its context (as of `asOf`, now when absent) and the instant it is as of. */
export interface Reading {
  readonly context: ReadContext;
  readonly asOf: Date;
}

/** What every analyst endpoint over the figures needs: the reading as of a moment, today, units known, and scope. */
@Injectable()
export class FiguresReader {
  readonly schema = servingSchemaOf(figuresProjection);

  constructor(
    @Inject(PG_POOL) readonly pool: Pool,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  get timeZone(): string {
    return this.config.VIGIL_TIMEZONE;
  }

  /** The figures as known at `asOf` (a timestamp, or a date: the end of that day); now, from the current sums, when absent. */
  async reading(asOf: string | undefined): Promise<Reading> {
    const instant = asOf === undefined ? new Date() : parseAsOf(asOf, this.timeZone);
    const context = await readContext(this.pool, this.schema, asOf === undefined ? null : instant);
    if (context.state.timeZone !== this.timeZone)
      throw new Error(`the figures were bucketed in ${context.state.timeZone}, not ${this.timeZone}: rebuild them`);
    return { context, asOf: instant };
  }

  /** Today in VIGIL_TIMEZONE: the default `at`. */
  today(): string {
    return localDateOf(new Date(), this.timeZone);
  }

  /** 404 UNIT_NOT_FOUND unless the unit is known to the reading. */
  knownUnit(context: ReadContext, unitId: string): void {
    if (unitRef(context, unitId) === null) throw unitNotFound(unitId);
  }

  /** The tree as it stands now, as known now, above the given units: what scope rules walk. */
  async parentsNow(unitIds: readonly string[]): Promise<ParentOf> {
    return parentsFrom(await unitParentsNow(this.pool, this.schema, unitIds, new Date()));
  }

  /** An analyst reads only its subtree, as the tree stands now; an operator reads everything (403 OUT_OF_SCOPE). */
  async checkScope(principal: AuthPrincipal, unitIds: readonly string[]): Promise<void> {
    if (principal.role === 'operator' || unitIds.length === 0) return;
    const outside = unitsOutsideScope(principal, await this.parentsNow([principal.unit, ...unitIds]), unitIds);
    if (outside.length > 0) throw outOfScope(outside.join(', '), principal.unit);
  }
}
