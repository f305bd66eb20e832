import type pg from 'pg';
import { createRng } from '../generator/prng';

/** One GET /v1/directives/{id}/progress request of the mix. */
export interface ProgressRequest {
  readonly directiveId: string;
  readonly unitId?: string;
  readonly asOf?: string;
}

/** Knowledge times the mix asks as of, beside now: mid-2024, the end of 2024 (a date), and mid-2025 after the reorganisation. */
const AS_OF = [undefined, '2024-09-15T12:00:00+07:00', '2024-12-31', '2025-08-01T12:00:00+07:00'] as const;

/** A few units of each level below the ministry (children of the top, their children, ...), picked evenly by id. */
async function unitsByLevel(pool: pg.Pool, schema: string, perLevel: number): Promise<string[][]> {
  const { rows } = await pool.query<{ unit_id: string; depth: number }>(
    `WITH RECURSIVE tree(unit_id, depth) AS (
       SELECT unit_id, 0 FROM ${schema}.unit_parents WHERE parent_unit_id IS NULL
       UNION
       SELECT p.unit_id, t.depth + 1 FROM ${schema}.unit_parents p JOIN tree t ON p.parent_unit_id = t.unit_id WHERE t.depth < 6
     )
     SELECT unit_id, min(depth) AS depth FROM tree GROUP BY unit_id ORDER BY depth, unit_id`,
  );
  const levels: string[][] = [];
  for (const row of rows) (levels[row.depth] ??= []).push(row.unit_id);
  return levels.map((units) => {
    const step = Math.max(1, Math.floor(units.length / perLevel));
    return units.filter((_, index) => index % step === 0).slice(0, perLevel);
  });
}

/**
 * Every directive as its targets stand, and for each unit of the ministry and a few of every level below
 * (evaluated in their subtree), now and as of a few past moments: the distinct requests of the mix.
 */
export async function progressRequests(pool: pg.Pool, schema: string): Promise<ProgressRequest[]> {
  const { rows } = await pool.query<{ directive_id: string }>(
    `SELECT directive_id FROM ${schema}.directives ORDER BY directive_id`,
  );
  const levels = await unitsByLevel(pool, schema, 2);
  const units = [undefined, ...levels.flat()];
  return rows.flatMap(({ directive_id: directiveId }) =>
    units.flatMap((unitId) =>
      AS_OF.map((asOf) => ({
        directiveId,
        ...(unitId === undefined ? {} : { unitId }),
        ...(asOf === undefined ? {} : { asOf }),
      })),
    ),
  );
}

/** `count` requests drawn from the distinct ones, each as often as the others give or take one, in a seeded order. */
export function shuffledMix(distinct: readonly ProgressRequest[], count: number, seed: string): ProgressRequest[] {
  const rng = createRng(seed, 'query-mix');
  const mix = Array.from({ length: count }, (_, index) => distinct[index % distinct.length]!);
  for (let i = mix.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [mix[i], mix[j]] = [mix[j]!, mix[i]!];
  }
  return mix;
}

export function progressUrl(baseUrl: string, request: ProgressRequest): string {
  const url = new URL(`/v1/directives/${encodeURIComponent(request.directiveId)}/progress`, baseUrl);
  if (request.unitId !== undefined) url.searchParams.set('unitId', request.unitId);
  if (request.asOf !== undefined) url.searchParams.set('asOf', request.asOf);
  return url.toString();
}
