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

/** Readings answers kept per tree state, the most recently used last: at most this many a state. */
const KEPT_ANSWERS = 48;
const keptAnswers = new WeakMap<object, Map<string, { mark: string; answer: unknown }>>();

/** The readings' change mark: every batch that adds readings moves it (write/record-measures.ts), in any order of positions. */
const readingsMark = (context: ReadContext) =>
  remembered(context, 'readings-mark', async () => {
    const { rows } = await context.db.query<{ mark: string }>(
      `SELECT readings_mark::text AS mark FROM ${quoted(context.schema)}.settings`,
    );
    return rows[0]!.mark;
  });

/**
 * A readings answer (now or as known at an instant) stays what it was until readings are added: kept
 * across requests per tree state, schema, instant and question, and computed again once the mark moved.
 */
async function keptUntilReadingsChange<T>(context: ReadContext, question: string, compute: () => Promise<T>): Promise<T> {
  let kept = keptAnswers.get(context.state);
  if (kept === undefined) keptAnswers.set(context.state, (kept = new Map()));
  const key = `${context.schema}:${context.knownAt ?? 'now'}:${question}`;
  const mark = await readingsMark(context);
  const held = kept.get(key);
  kept.delete(key);
  if (held !== undefined && held.mark === mark) {
    kept.set(key, held);
    return held.answer as T;
  }
  const answer = await compute();
  kept.set(key, { mark, answer });
  if (kept.size > KEPT_ANSWERS) kept.delete(kept.keys().next().value!);
  return answer;
}

/** Each unit's latest reading of the indicator in [from, toExclusive), as known: latest occurredAt, then recordedAt. */
function latestReadings(context: ReadContext, indicator: string, from: number, toExclusive: number): Promise<CountedReading[]> {
  return remembered(context, `readings:${indicator}:${from}:${toExclusive}`, () =>
    keptUntilReadingsChange(context, `readings:${indicator}:${from}:${toExclusive}`, () =>
      readLatestReadings(context, indicator, from, toExclusive),
    ),
  );
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
  return remembered(context, `indicator-totals:${indicator}:${from}:${toExclusive}`, () =>
    keptUntilReadingsChange(context, `totals:${indicator}:${from}:${toExclusive}`, () =>
      computeTotals(context, indicator, from, toExclusive),
    ),
  );
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
