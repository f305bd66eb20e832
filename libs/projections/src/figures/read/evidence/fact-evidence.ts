import type { EvidenceItem } from '@vigil/contract';
import { quoted } from '../../tables';
import type { Family } from '../../write/fact-delta';
import type { CaseFilter } from '../case-keys';
import type { DayRange } from '../day-range';
import { subtreeArrays, type ReadContext } from '../read-context';
import { knownParam } from '../sums';
import { positionsOf, sliceOf, type EvidenceSlice } from './evidence-page';

/** What a fact row adds: one of its values (v1 opened/persons/items/count, v2 cleared, v3 prosecuted), in a range. */
export interface FactTerm {
  readonly value: 'v1' | 'v2' | 'v3';
  readonly range: DayRange;
  readonly sign: 1 | -1;
}

export interface FactEvidenceQuery {
  readonly unitId: string;
  readonly family: Family;
  /** Cases and arrests: the target's category and severities; weapons and incidents: the kind (null: all). */
  readonly filter: CaseFilter;
  readonly kind: string | null;
  readonly numerator: readonly FactTerm[];
  readonly denominator: readonly FactTerm[];
  /** Business time: cases cleared or prosecuted at or after this instant do not count as such (null: all). */
  readonly outcomesBefore: number | null;
  readonly after: string | null;
  readonly limit: number;
}

const KIND = { case: 'case', arrest: 'arrest', weapons: 'weapons', incident: 'incident' } as const;

/**
 * The facts behind a figure summed from the facts table (cases, arrests, weapons, incidents), one item per
 * fact (`item`): its contribution as known is the sum of its rows known by then, counted where it was under
 * the unit when it occurred — what `sums` adds up, item by item. The positions are those of its latest version.
 */
export async function factEvidence(context: ReadContext, query: FactEvidenceQuery): Promise<EvidenceSlice> {
  const subtree = subtreeArrays(context, query.unitId);
  const params: unknown[] = [
    subtree.unitIds,
    subtree.froms,
    subtree.tos,
    query.family,
    knownParam(context),
    query.filter.category ?? null,
    query.filter.severity && query.filter.severity.length > 0 ? query.filter.severity : null,
    query.kind,
    query.outcomesBefore === null ? null : new Date(query.outcomesBefore).toISOString(),
    query.after,
    query.limit + 1,
  ];
  const term = (t: FactTerm) => {
    params.push(t.range.from, t.range.to);
    const from = `$${params.length - 1}`;
    const to = `$${params.length}`;
    // A case cleared (prosecuted) after the day the figures stand on is not cleared (prosecuted) for them.
    const late =
      t.value === 'v2'
        ? ` - CASE WHEN f.cleared_at >= $9 THEN sign(f.v1) ELSE 0 END`
        : t.value === 'v3'
          ? ` - CASE WHEN f.prosecuted_at >= $9 THEN sign(f.v1) ELSE 0 END`
          : '';
    return `CASE WHEN f.day BETWEEN ${from}::date AND ${to}::date THEN ${t.sign} * (f.${t.value}${late}) ELSE 0 END`;
  };
  const sum = (terms: readonly FactTerm[]) => (terms.length === 0 ? '0' : terms.map(term).join(' + '));
  const numerator = sum(query.numerator);
  const denominator = sum(query.denominator);
  const ranges = [...query.numerator, ...query.denominator].map((t) => t.range);
  params.push(
    ranges.map((r) => r.from),
    ranges.map((r) => r.to),
  );
  const { rows } = await context.db.query<{
    id: string;
    unit_id: string;
    occurred_at: Date;
    recorded_at: Date;
    positions: string;
    numerator: string;
    denominator: string;
  }>(
    `SELECT f.item AS id, min(f.unit_id) AS unit_id, min(f.occurred_at) AS occurred_at, max(f.known_at) AS recorded_at,
            (array_agg(array_to_string(f.positions, ',') ORDER BY f.known_at DESC) FILTER (WHERE f.v1 > 0))[1] AS positions,
            sum(${numerator})::text AS numerator, sum(${denominator})::text AS denominator, $9::timestamptz AS outcomes_before
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS s(unit_id, from_at, to_at)
       JOIN ${quoted(context.schema)}.facts f
         ON f.unit_id = s.unit_id AND f.family = $4 AND f.occurred_at >= s.from_at AND f.occurred_at < s.to_at
        AND EXISTS (SELECT 1 FROM unnest($${params.length - 1}::date[], $${params.length}::date[]) AS r(from_day, to_day)
                     WHERE f.day BETWEEN r.from_day AND r.to_day)
      WHERE ($5::timestamptz IS NULL OR f.known_at <= $5)
        AND ($6::text IS NULL OR split_part(f.key, '|', 1) = $6)
        AND ($7::text[] IS NULL OR split_part(f.key, '|', 2) = ANY($7))
        AND ($8::text IS NULL OR f.key = $8)
        AND ($10::text IS NULL OR f.item COLLATE "C" > $10)
      GROUP BY f.item
     HAVING sum(${numerator}) <> 0 OR sum(${denominator}) <> 0
      ORDER BY f.item COLLATE "C"
      LIMIT $11`,
    params,
  );
  const items = rows.map((row): EvidenceItem => ({
    kind: KIND[query.family],
    id: row.id,
    unitId: row.unit_id,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    positions: positionsOf((row.positions ?? '').split(',').filter(Boolean)),
    numerator: Number(row.numerator),
    denominator: Number(row.denominator),
  }));
  return sliceOf(items, query.limit);
}
