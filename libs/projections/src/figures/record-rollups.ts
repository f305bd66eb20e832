import type { PoolClient } from 'pg';
import { quoted } from './figures.tables';
import { mergeDeltas, type RollupDelta } from './rollup-deltas';
import { rollupTopsSql } from './rollup-tree';

const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The zone of the rollups' months and days: VIGIL_TIMEZONE when the first batch is applied (queries in another zone read facts). */
const applyTimeZone = () => process.env.VIGIL_TIMEZONE || DEFAULT_TIME_ZONE;

const CELL = (a: string, b: string) =>
  `${a}.family = ${b}.family AND ${a}.root_unit_id = ${b}.root_unit_id AND ${a}.key = ${b}.key AND ${a}.grain = ${b}.grain AND ${a}.bucket = ${b}.bucket`;

/**
 * Adds deltas to the rollups of the top two levels above each fact's unit (as the tree is known now,
 * at the fact's occurredAt), in one statement. A cell gets a version per second of knowledge time
 * holding all it knew by that second's end; a delta older than versions already there (topics apply
 * in any order) is also added to those versions. `rollup_seconds` keeps, per root and second, the last
 * knowledge instant summed in it: a version answers exactly for any asOf not earlier in its second.
 */
export async function recordRollups(client: PoolClient, schema: string, deltas: readonly RollupDelta[]): Promise<void> {
  const merged = mergeDeltas(deltas);
  if (merged.length === 0) return;
  const s = quoted(schema);
  await client.query(
    `INSERT INTO ${s}.rollup_settings (time_zone) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM ${s}.rollup_settings)`,
    [applyTimeZone()],
  );
  const sums = ['1', '2', '3', '4'];
  await client.query(
    `WITH RECURSIVE d AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::timestamptz[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])
         AS d(family, unit_id, occurred_at, key, at, d1, d2, d3, d4)
     ), ${rollupTopsSql(schema, 'SELECT DISTINCT unit_id AS u FROM d')},
     b AS (
       SELECT d.family, r.root AS root_unit_id, d.key, g.grain, g.bucket,
              date_trunc('second', d.at) AS at, max(d.at) AS last_at, ${sums.map((i) => `sum(d.d${i}) AS d${i}`).join(', ')}
         FROM d
         JOIN rollup_tops t ON t.unit_id = d.unit_id AND d.occurred_at >= t.valid_from AND d.occurred_at < t.valid_to
         CROSS JOIN LATERAL (VALUES (t.top), (t.second)) AS r(root)
         CROSS JOIN LATERAL (SELECT d.occurred_at AT TIME ZONE (SELECT time_zone FROM ${s}.rollup_settings LIMIT 1) AS local) AS l
         CROSS JOIN LATERAL (VALUES ('month', date_trunc('month', l.local)::date), ('day', l.local::date)) AS g(grain, bucket)
        WHERE r.root IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6
     ), cells AS (
       SELECT g.family, g.root_unit_id, g.key, g.grain, g.bucket, g.first_at, l.recorded_from AS latest_from,
              ${sums.map((i) => `coalesce(l.v${i}, 0) AS v${i}`).join(', ')}
         FROM (SELECT family, root_unit_id, key, grain, bucket, min(at) AS first_at FROM b GROUP BY 1, 2, 3, 4, 5) g
         LEFT JOIN LATERAL (
           SELECT r.recorded_from, r.v1, r.v2, r.v3, r.v4 FROM ${s}.rollups r WHERE ${CELL('r', 'g')}
            ORDER BY r.recorded_from DESC LIMIT 1
         ) l ON true
     ), cumulative AS (
       SELECT b.*, ${sums.map((i) => `sum(b.d${i}) OVER w AS s${i}`).join(', ')}
         FROM b WINDOW w AS (PARTITION BY b.family, b.root_unit_id, b.key, b.grain, b.bucket ORDER BY b.at)
     ), roots AS (
       INSERT INTO ${s}.rollup_roots (root_unit_id, valid_from)
       SELECT DISTINCT root_unit_id, '-infinity'::timestamptz FROM b ON CONFLICT DO NOTHING
     ), seconds AS (
       INSERT INTO ${s}.rollup_seconds AS x (root_unit_id, second, last_at)
       SELECT root_unit_id, at, max(last_at) FROM b GROUP BY 1, 2
       ON CONFLICT (root_unit_id, second) DO UPDATE SET last_at = greatest(x.last_at, excluded.last_at)
     ), late_versions AS (
       -- versions recorded after a delta of this batch: each takes the deltas known by its time
       UPDATE ${s}.rollups r SET ${sums.map((i) => `v${i} = r.v${i} + x.d${i}`).join(', ')}
         FROM (
           SELECT v.family, v.root_unit_id, v.key, v.grain, v.bucket, v.recorded_from, ${sums.map((i) => `sum(b.d${i}) AS d${i}`).join(', ')}
             FROM cells c
             JOIN ${s}.rollups v ON ${CELL('v', 'c')} AND v.recorded_from >= c.first_at
             JOIN b ON ${CELL('b', 'c')} AND b.at <= v.recorded_from
            WHERE c.latest_from >= c.first_at
            GROUP BY 1, 2, 3, 4, 5, 6
         ) x
        WHERE ${CELL('r', 'x')} AND r.recorded_from = x.recorded_from
     )
     INSERT INTO ${s}.rollups (family, root_unit_id, key, grain, bucket, recorded_from, v1, v2, v3, v4)
     SELECT b.family, b.root_unit_id, b.key, b.grain, b.bucket, b.at, ${sums.map((i) => `c.v${i} + b.s${i}`).join(', ')}
       FROM cumulative b JOIN cells c ON ${CELL('c', 'b')}
      WHERE c.latest_from IS NULL OR c.latest_from < c.first_at
     UNION ALL
     SELECT b.family, b.root_unit_id, b.key, b.grain, b.bucket, b.at, ${sums.map((i) => `coalesce(p.v${i}, 0) + b.s${i}`).join(', ')}
       FROM cumulative b JOIN cells c ON ${CELL('c', 'b')}
       LEFT JOIN LATERAL (
         SELECT r.v1, r.v2, r.v3, r.v4 FROM ${s}.rollups r WHERE ${CELL('r', 'b')} AND r.recorded_from < b.at
          ORDER BY r.recorded_from DESC LIMIT 1
       ) p ON true
      WHERE c.latest_from >= c.first_at
        AND NOT EXISTS (SELECT 1 FROM ${s}.rollups e WHERE ${CELL('e', 'b')} AND e.recorded_from = b.at)`,
    [
      merged.map((d) => d.family),
      merged.map((d) => d.unitId),
      merged.map((d) => d.occurredAt),
      merged.map((d) => d.key),
      merged.map((d) => d.at),
      ...[0, 1, 2, 3].map((i) => merged.map((d) => d.values[i])),
    ],
  );
}
