import { exactSum } from '@vigil/domain';
import { quoted } from '../tables';
import { instantText } from '../../sql/copy-rows';
import { knowledgeOf, remembered, type ReadContext } from './read-context';

/** A reading that counts for a subtree: each unit's latest in the period. */
export interface CountedReading {
  readonly unitId: string;
  readonly value: number;
  readonly denominator: number | null;
  readonly eventId: string;
  readonly position: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
}

/** CONTRACT.md §4: Σ value and Σ denominator of the readings that count, and how many leaf units report. */
export interface IndicatorSum {
  readonly value: number | null;
  readonly denominator: number | null;
  /** The same over the readings that have a denominator (indicator.ratio). */
  readonly ratioValue: number | null;
  readonly coverage: { readonly reporting: number; readonly units: number };
  readonly readings: readonly CountedReading[];
}

/**
 * Now (nothing to cut by knowledge), the latest readings of a range stay what they were until a reading is
 * added: kept per tree state, indicator and range, and read again when the readings' last position moved.
 */
const currentReadings = new WeakMap<object, Map<string, { through: string; readings: CountedReading[] }>>();

const lastReadingPosition = (context: ReadContext) =>
  remembered(context, 'readings-through', async () => {
    const { rows } = await context.db.query<{ through: string }>(
      `SELECT coalesce(max(position), 0)::text AS through FROM ${quoted(context.schema)}.readings`,
    );
    return rows[0]!.through;
  });

/** Each unit's latest reading of the indicator in [from, toExclusive), as known: latest occurredAt, then recordedAt. */
function latestReadings(context: ReadContext, indicator: string, from: number, toExclusive: number): Promise<CountedReading[]> {
  return remembered(context, `readings:${indicator}:${from}:${toExclusive}`, async () => {
    if (context.knownAt !== null) return readLatestReadings(context, indicator, from, toExclusive);
    let cache = currentReadings.get(context.state);
    if (cache === undefined) currentReadings.set(context.state, (cache = new Map()));
    const key = `${context.schema}:${indicator}:${from}:${toExclusive}`;
    const through = await lastReadingPosition(context);
    const held = cache.get(key);
    if (held !== undefined && held.through === through) return held.readings;
    const readings = await readLatestReadings(context, indicator, from, toExclusive);
    cache.set(key, { through, readings });
    return readings;
  });
}

async function readLatestReadings(
  context: ReadContext,
  indicator: string,
  from: number,
  toExclusive: number,
): Promise<CountedReading[]> {
  const { rows } = await context.db.query<CountedReading>(
    // Formatted once per unit, after DISTINCT ON: not for every reading of the range.
    `SELECT unit_id AS "unitId", value, denominator, event_id AS "eventId", position::text AS position,
            to_json(occurred_at) #>> '{}' AS "occurredAt", to_json(recorded_at) #>> '{}' AS "recordedAt"
       FROM (SELECT DISTINCT ON (unit_id) unit_id, value, denominator, event_id, position, occurred_at, recorded_at
               FROM ${quoted(context.schema)}.readings
              WHERE indicator = $1 AND occurred_at >= $2 AND occurred_at < $3 AND ($4::timestamptz IS NULL OR recorded_at <= $4)
              ORDER BY unit_id, occurred_at DESC, recorded_at DESC, revision DESC) AS latest
      ORDER BY unit_id`,
    [indicator, instantText(from), instantText(toExclusive), context.knownAt === null ? null : new Date(context.knownAt)],
  );
  return rows;
}

function sumsOf(counted: readonly CountedReading[]): {
  value: number | null;
  denominator: number | null;
  ratioValue: number | null;
} {
  const withDenominator = counted.filter((r) => r.denominator !== null);
  return {
    value: exactSum(counted.map((r) => r.value)),
    denominator: exactSum(withDenominator.map((r) => r.denominator!)),
    ratioValue: exactSum(withDenominator.map((r) => r.value)),
  };
}

/** What counts under each unit of the tree, for one indicator and range. */
interface UnitTotals {
  readonly readings: CountedReading[];
  leaves: number;
  reporting: number;
  /** The exact sums of `readings`, once asked (a total is kept across answers while nothing changes). */
  sums?: { value: number | null; denominator: number | null; ratioValue: number | null };
}

/** Now, the totals of a range stay what they were until a reading is added (see `currentReadings`). */
const currentTotals = new WeakMap<object, Map<string, { through: string; totals: Map<string, UnitTotals> }>>();

/**
 * For one indicator and range, what counts under every unit at once: each unit's latest reading
 * counts when no unit below it (the tree as it stood at the end of the range, as known) has one — a
 * rule of the whole tree, not of the unit asked — and is added to every unit of its chain then;
 * every leaf (a unit that never had one below it) is added likewise, with whether it reported.
 */
function indicatorTotals(
  context: ReadContext,
  indicator: string,
  from: number,
  toExclusive: number,
): Promise<Map<string, UnitTotals>> {
  return remembered(context, `indicator-totals:${indicator}:${from}:${toExclusive}`, async () => {
    if (context.knownAt !== null) return computeTotals(context, indicator, from, toExclusive);
    let cache = currentTotals.get(context.state);
    if (cache === undefined) currentTotals.set(context.state, (cache = new Map()));
    const key = `${context.schema}:${indicator}:${from}:${toExclusive}`;
    const through = await lastReadingPosition(context);
    const held = cache.get(key);
    if (held !== undefined && held.through === through) return held.totals;
    const totals = await computeTotals(context, indicator, from, toExclusive);
    cache.set(key, { through, totals });
    return totals;
  });
}

async function computeTotals(
  context: ReadContext,
  indicator: string,
  from: number,
  toExclusive: number,
): Promise<Map<string, UnitTotals>> {
  const { tree } = context.state;
  const knownAt = knowledgeOf(context);
  const end = toExclusive - 1;
  const readings = await latestReadings(context, indicator, from, toExclusive);
  const chainOf = (unitId: string) => tree.chainAt(unitId, end, knownAt);
  const hasReadingBelow = new Set<string>();
  for (const reading of readings) for (const ancestor of chainOf(reading.unitId).slice(1)) hasReadingBelow.add(ancestor);
  const totals = new Map<string, UnitTotals>();
  const totalsOf = (unitId: string) => {
    let held = totals.get(unitId);
    if (held === undefined) totals.set(unitId, (held = { readings: [], leaves: 0, reporting: 0 }));
    return held;
  };
  for (const reading of readings)
    if (!hasReadingBelow.has(reading.unitId)) for (const unit of chainOf(reading.unitId)) totalsOf(unit).readings.push(reading);
  const reported = new Set(readings.map((reading) => reading.unitId));
  for (const unit of tree.allUnits()) {
    if (tree.isEverParent(unit.unitId) || tree.knownUnit(unit.unitId, knownAt) === undefined) continue;
    for (const ancestor of chainOf(unit.unitId)) {
      const held = totalsOf(ancestor);
      held.leaves += 1;
      if (reported.has(unit.unitId)) held.reporting += 1;
    }
  }
  return totals;
}

/**
 * The indicator under a unit over [from, toExclusive): the units of its subtree as the tree stood at the
 * end of the range (a reading is a level, counted where its unit stands), each unit's latest reading,
 * counted only when no unit below it has one (the most detailed readings win); sums exact in decimal.
 * Leaf units are those that never had a unit below them (a district emptied by a reorganisation is not one).
 */
export async function indicatorSum(
  context: ReadContext,
  unitId: string,
  indicator: string,
  from: number,
  toExclusive: number,
): Promise<IndicatorSum> {
  const totals = (await indicatorTotals(context, indicator, from, toExclusive)).get(unitId);
  const counted = totals?.readings ?? [];
  const sums = totals === undefined ? sumsOf(counted) : (totals.sums ??= sumsOf(counted));
  return { ...sums, coverage: { reporting: totals?.reporting ?? 0, units: totals?.leaves ?? 0 }, readings: counted };
}
