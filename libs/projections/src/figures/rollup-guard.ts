import type { PoolClient } from 'pg';
import { quoted } from './figures.tables';
import { backfillRollups } from './rollup-backfill';
import { rollupTopsSql } from './rollup-tree';

/** A parent row about to be recorded: from `validFrom` on, `unitId` rolls up under a new parent, known from `recordedAt`. */
export interface ParentChange {
  readonly unitId: string;
  readonly validFrom: string;
  readonly recordedAt: string;
  readonly registration: boolean;
}

const changeKey = (unitId: string, validFrom: string) => `${unitId}\u0000${validFrom}`;

/** The (top, second) pairs a change's unit and the units under it roll up under, and those units (with a top). */
interface Reach {
  readonly pairs: readonly string[];
  readonly units: readonly string[];
}

/**
 * For each change, the (top, second) pairs its unit and every unit under it roll up under from validFrom
 * on, as the tree is known now. The units under it count: registering a top (or a unit that completes a
 * chain up to one) gives each unit below its first pair, whose second is not the changed unit's.
 */
async function pairsFrom(client: PoolClient, schema: string, changes: readonly ParentChange[]): Promise<Map<string, Reach>> {
  const { rows } = await client.query(
    `WITH RECURSIVE q AS (SELECT * FROM unnest($1::text[], $2::text[]) AS q(u, f)),
     below(origin, f, u) AS (
       SELECT u, f, u FROM q
       UNION
       SELECT below.origin, below.f, p.unit_id FROM below JOIN ${quoted(schema)}.unit_parents p ON p.parent_unit_id = below.u
     ),
     ${rollupTopsSql(schema, 'SELECT DISTINCT u FROM below')}
     SELECT below.origin AS u, below.f, array_agg(DISTINCT t.top || ' ' || coalesce(t.second, '')) AS pairs,
            array_agg(DISTINCT below.u) AS units
       FROM below JOIN rollup_tops t ON t.unit_id = below.u AND t.valid_to > below.f::timestamptz
      GROUP BY below.origin, below.f`,
    [changes.map((c) => c.unitId), changes.map((c) => c.validFrom)],
  );
  return new Map(rows.map((row) => [changeKey(row.u, row.f), { pairs: row.pairs, units: row.units }]));
}

const rootsOf = (pairs: readonly string[]) => new Set(pairs.flatMap((pair) => pair.split(' ').filter((unit) => unit !== '')));

/** The roots whose sums a change moves facts in or out of: all roots on either side unless both sides are one same-shaped chain. */
export function affectedRoots(before: readonly string[], after: readonly string[]): string[] {
  const was = rootsOf(before);
  const is = rootsOf(after);
  if (before.length > 1 || after.length > 1) return [...new Set([...was, ...is])];
  return [...[...was].filter((root) => !is.has(root)), ...[...is].filter((root) => !was.has(root))];
}

/** The units among `unitIds` with facts under them (as the tree is known now, at any time). */
async function unitsWithFacts(client: PoolClient, schema: string, unitIds: readonly string[]): Promise<Set<string>> {
  const s = quoted(schema);
  const { rows } = await client.query(
    `WITH RECURSIVE sub(origin, unit_id) AS (
       SELECT u, u FROM unnest($1::text[]) AS u
       UNION
       SELECT sub.origin, p.unit_id FROM sub JOIN ${s}.unit_parents p ON p.parent_unit_id = sub.unit_id
     )
     SELECT DISTINCT origin FROM sub
      WHERE EXISTS (SELECT 1 FROM ${s}.case_versions c WHERE c.unit_id = sub.unit_id)
         OR EXISTS (SELECT 1 FROM ${s}.weapons w WHERE w.unit_id = sub.unit_id)
         OR EXISTS (SELECT 1 FROM ${s}.incidents i WHERE i.unit_id = sub.unit_id)
         OR EXISTS (SELECT 1 FROM ${s}.indicator_readings r WHERE r.unit_id = sub.unit_id)
         OR EXISTS (SELECT 1 FROM ${s}.hotspots h WHERE h.unit_id = sub.unit_id)`,
    [unitIds],
  );
  return new Set(rows.map((row) => row.origin));
}

/**
 * Keeps the rollups honest when the tree changes (record-rollups.ts sums each fact under the tree known
 * when it was applied). Call before recording the parent rows, and the function it returns after.
 * A change that gives a top to units that had none (a registration above them applied after their facts,
 * its topic lagging) adds their facts to the rollups (rollup-backfill.ts). Otherwise, a change that moves
 * no recorded fact between roots only makes the roots' sums valid from when it was known (a registration:
 * from always). One that moves recorded facts turns the roots' rollups off: their figures are then read
 * from the facts until the read model is rebuilt.
 */
export async function guardRollups(
  client: PoolClient,
  schema: string,
  changes: readonly ParentChange[],
): Promise<() => Promise<void>> {
  if (changes.length === 0) return async () => undefined;
  const before = await pairsFrom(client, schema, changes);
  return async () => {
    const after = await pairsFrom(client, schema, changes);
    const keyOf = (change: ParentChange) => changeKey(change.unitId, change.validFrom);
    const firstTops = changes.filter((change) => !before.has(keyOf(change)));
    await backfillRollups(client, schema, [...new Set(firstTops.flatMap((change) => after.get(keyOf(change))?.units ?? []))]);
    // A registration holds from always; a reassignment giving units their first top, from when it was known.
    const firstValidity = firstTops
      .filter((change) => !change.registration)
      .flatMap((change) => [...rootsOf(after.get(keyOf(change))?.pairs ?? [])].map((root) => [root, change.recordedAt] as const));
    const moved = changes
      .filter((change) => before.has(keyOf(change)))
      .map((change) => ({
        change,
        roots: affectedRoots(before.get(keyOf(change))!.pairs, after.get(keyOf(change))?.pairs ?? []),
      }))
      .filter(({ roots }) => roots.length > 0);
    const withFacts =
      moved.length === 0
        ? new Set<string>()
        : await unitsWithFacts(
            client,
            schema,
            moved.map(({ change }) => change.unitId),
          );
    const validity = [
      ...firstValidity,
      ...moved.flatMap(({ change, roots }) => {
        if (withFacts.has(change.unitId)) return roots.map((root) => [root, 'infinity'] as const);
        return change.registration ? [] : roots.map((root) => [root, change.recordedAt] as const);
      }),
    ];
    if (validity.length === 0) return;
    await client.query(
      `INSERT INTO ${quoted(schema)}.rollup_roots AS r (root_unit_id, valid_from)
       SELECT root, max(valid_from) FROM unnest($1::text[], $2::timestamptz[]) AS v(root, valid_from) GROUP BY root
       ON CONFLICT (root_unit_id) DO UPDATE SET valid_from = greatest(r.valid_from, excluded.valid_from)`,
      [validity.map(([root]) => root), validity.map(([, validFrom]) => validFrom)],
    );
  };
}
