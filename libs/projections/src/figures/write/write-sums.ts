import type { PoolClient } from 'pg';
import { quoted } from '../tables';
import { COPY_NULL, copyLines, copyText, instantText, instantTexts } from '../../sql/copy-rows';
import { addValues, isZero, type FactDelta, type Values } from './fact-delta';
import { KNOWN_LEVELS, spanStart } from '../known-levels';
import type { RollupDelta } from './rollup-deltas';
import { compactWhenDue } from './known-levels-compaction';

const FACT_COLUMNS = [
  'unit_id',
  'family',
  'day',
  'key',
  'occurred_at',
  'known_at',
  'v1',
  'v2',
  'v3',
  'v4',
  'item',
  'positions',
  'cleared_at',
  'prosecuted_at',
];

/** The fact deltas, as rows of `facts` (COPY; ids, keys and instants need no escaping). */
export async function writeFacts(
  client: PoolClient,
  schema: string,
  deltas: readonly FactDelta[],
  dayOf: (instant: number) => string,
): Promise<void> {
  const known = instantTexts();
  const optional = (ms: number | null) => (ms === null ? COPY_NULL : instantText(ms));
  const lines = deltas.map(({ fact, sign, knownAt }) => {
    const [v1, v2, v3, v4] = fact.values;
    return `${fact.unitId}\t${fact.family}\t${dayOf(fact.occurredAt)}\t${fact.key}\t${instantText(fact.occurredAt)}\t${known(knownAt)}\t${v1 * sign}\t${v2 * sign}\t${v3 * sign}\t${v4 * sign}\t${copyText(fact.item)}\t{${fact.positions.join(',')}}\t${optional(fact.clearedAt)}\t${optional(fact.prosecutedAt)}\n`;
  });
  await copyLines(client, `${quoted(schema)}.facts`, FACT_COLUMNS, lines);
}

/**
 * The rollup deltas: each with its knowledge instant into `rollup_log` (COPY), and, on the live path,
 * summed into the current sums (one upsert, rows in key order so that two batches committing at once
 * never deadlock) and into the knowledge levels (appended). A rebuild sums both from the log at its switch.
 */
export async function writeRollups(
  client: PoolClient,
  schema: string,
  deltas: readonly RollupDelta[],
  options: { currentSums: boolean },
): Promise<void> {
  if (deltas.length === 0) return;
  const s = quoted(schema);
  const known = instantTexts();
  await copyLines(
    client,
    `${s}.rollup_log`,
    ['unit_id', 'family', 'grain', 'bucket', 'key', 'known_at', 'v1', 'v2', 'v3', 'v4'],
    deltas.map(
      (d) =>
        `${d.unitId}\t${d.family}\t${d.grain}\t${d.bucket}\t${d.key}\t${known(d.knownAt)}\t${d.values[0]}\t${d.values[1]}\t${d.values[2]}\t${d.values[3]}\n`,
    ),
  );
  if (!options.currentSums) return;
  await upsertCurrentSums(client, s, deltas);
  await appendKnownLevels(client, schema, deltas);
}

/** The deltas summed by cell into the current sums, in one upsert. */
async function upsertCurrentSums(client: PoolClient, s: string, deltas: readonly RollupDelta[]): Promise<void> {
  const now = new Map<string, Omit<RollupDelta, 'knownAt'>>();
  for (const delta of deltas) {
    const id = `${delta.unitId}\u0000${delta.family}\u0000${delta.grain}\u0000${delta.bucket}\u0000${delta.key}`;
    const held = now.get(id);
    now.set(id, held === undefined ? delta : { ...held, values: addValues(held.values, delta.values) });
  }
  const rows = [...now.entries()]
    .filter(([, row]) => !isZero(row.values))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO ${s}.rollup_now (unit_id, family, grain, bucket, key, v1, v2, v3, v4)
     SELECT * FROM unnest($1::text[], $2::text[], $3::"char"[], $4::date[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])
     ON CONFLICT (unit_id, family, grain, bucket, key) DO UPDATE
       SET v1 = rollup_now.v1 + excluded.v1, v2 = rollup_now.v2 + excluded.v2,
           v3 = rollup_now.v3 + excluded.v3, v4 = rollup_now.v4 + excluded.v4`,
    [
      rows.map((r) => r.unitId),
      rows.map((r) => r.family),
      rows.map((r) => r.grain),
      rows.map((r) => r.bucket),
      rows.map((r) => r.key),
      ...[0, 1, 2, 3].map((i) => rows.map((r) => r.values[i])),
    ],
  );
}

/** The deltas summed by cell and knowledge span of each level, appended as fresh rows (COPY). */
async function appendKnownLevels(client: PoolClient, schema: string, deltas: readonly RollupDelta[]): Promise<void> {
  const known = instantTexts();
  const spans = new Map<string, { line: string; values: Values }>();
  for (const d of deltas) {
    const cell = `${d.unitId}\t${d.grain}`;
    const rest = `${d.bucket}\t${d.family}\t${d.key}`;
    for (const { level, ms } of KNOWN_LEVELS) {
      const line = `${cell}\t${level}\t${known(spanStart(d.knownAt, ms))}\t${rest}`;
      const held = spans.get(line);
      spans.set(line, { line, values: held === undefined ? d.values : addValues(held.values, d.values) });
    }
  }
  const lines: string[] = [];
  for (const { line, values } of spans.values())
    if (!isZero(values)) lines.push(`${line}\t${values[0]}\t${values[1]}\t${values[2]}\t${values[3]}\n`);
  if (lines.length === 0) return;
  await copyLines(client, `${quoted(schema)}.rollup_known`, LEVEL_COLUMNS, lines);
  await compactWhenDue(client, schema, lines.length);
}

const LEVEL_COLUMNS = ['unit_id', 'grain', 'level', 'known_from', 'bucket', 'family', 'key', 'v1', 'v2', 'v3', 'v4'];

/**
 * The current sums and the knowledge levels from the logged deltas (a rebuild's version, before its
 * switch): one aggregation each, every level summed from the one below it, the current sums from the days.
 */
export async function sumRollupLog(client: PoolClient, schema: string): Promise<void> {
  const s = quoted(schema);
  const nonZero = 'HAVING sum(v1) <> 0 OR sum(v2) <> 0 OR sum(v3) <> 0 OR sum(v4) <> 0';
  await client.query(`TRUNCATE ${s}.rollup_now, ${s}.rollup_known`);
  const cells = 'unit_id, grain, bucket, family, key';
  let below = `SELECT ${cells}, known_at, v1, v2, v3, v4 FROM ${s}.rollup_log`;
  for (const { level, ms } of [...KNOWN_LEVELS].reverse()) {
    // date_bin from the epoch: the UTC spans of spanStart (infinities stay themselves).
    const span = `date_bin('${ms} milliseconds', known_at, 'epoch')`;
    await client.query(
      `INSERT INTO ${s}.rollup_known (${cells}, level, known_from, v1, v2, v3, v4, fresh)
       SELECT ${cells}, '${level}', ${span}, sum(v1), sum(v2), sum(v3), sum(v4), false
         FROM (${below}) AS deltas
        GROUP BY ${cells}, ${span} ${nonZero}`,
    );
    below = `SELECT ${cells}, known_from AS known_at, v1, v2, v3, v4 FROM ${s}.rollup_known WHERE level = '${level}'`;
  }
  await client.query(
    `INSERT INTO ${s}.rollup_now (${cells}, v1, v2, v3, v4)
     SELECT ${cells}, sum(v1), sum(v2), sum(v3), sum(v4) FROM ${s}.rollup_known WHERE level = '${KNOWN_LEVELS[0].level}'
      GROUP BY ${cells} ${nonZero}`,
  );
}
