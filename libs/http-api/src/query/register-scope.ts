import { Inject, Injectable } from '@nestjs/common';
import { isWithinScope, parentsFrom } from '@vigil/domain';
import { decodeCursor, unitAncestry } from '@vigil/projections';
import { type AuthPrincipal, PG_POOL, ProblemError, problems } from '@vigil/platform';
import type { Pool } from 'pg';

/** What every register query needs from the request: the unit whose subtree it lists, and where to resume. */
@Injectable()
export class RegisterScope {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * The token's unit by default; an analyst may only name a unit in its subtree (guarantee 7), as the units
   * register stands; a unit it does not hold is 404 UNIT_NOT_FOUND.
   */
  async unitFor(principal: AuthPrincipal, unitId: string | undefined): Promise<string> {
    const unit = unitId ?? principal.unit;
    if (unitId === undefined && (principal.role === 'operator' || unit === principal.unit)) return unit;
    const ancestry = await unitAncestry(this.pool, unit);
    if (!ancestry.has(unit)) throw new ProblemError(404, 'UNIT_NOT_FOUND', 'Not found', `No unit ${unit}.`);
    if (principal.role === 'operator' || isWithinScope(parentsFrom(ancestry), principal.unit, unit)) return unit;
    throw problems.forbidden('OUT_OF_SCOPE', `Unit ${unit} is outside the scope of ${principal.unit}.`);
  }

  after(cursor: string | undefined): string | undefined {
    if (cursor === undefined) return undefined;
    const after = decodeCursor(cursor);
    if (after === null)
      throw problems.validation([{ path: 'cursor', message: 'is not a cursor of this list', code: 'invalid_value' }]);
    return after;
  }
}
