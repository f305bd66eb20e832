import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { streamOf, type EventEnvelope } from '@vigil/contract';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { MINISTRY_SOURCE, generateEvents, upstreamOf } from '../generator';
import { formatNumber } from '../report/progress';
import type { StageContext, StageOutcome } from './stage';

const TABLE = 'bench_copy_ceiling';
const COLUMNS = 'position, event_id, stream_id, revision, type, occurred_at, recorded_at, data, metadata, content_hash';
const TEMPLATES = 5_000;
const ROWS_PER_CHUNK = 1_000;

/** COPY text format: backslash is its escape character (JSON text has no tabs or newlines). */
const copyText = (value: string) => value.replaceAll('\\', '\\\\');

/** The columns of a generated event that do not depend on its position, as COPY text. */
interface Template {
  readonly streamId: string;
  /** type … content_hash, tab-separated. */
  readonly tail: string;
}

function templates(context: StageContext): Template[] {
  const result: Template[] = [];
  const recordedAt = new Date().toISOString();
  for (const event of generateEvents(context.options.generator)) {
    if (upstreamOf(event) === MINISTRY_SOURCE) continue; // the organisation tree: not the typical row
    result.push(templateOf(event, recordedAt));
    if (result.length === TEMPLATES) break;
  }
  return result;
}

function templateOf(event: EventEnvelope, recordedAt: string): Template {
  const data = JSON.stringify(event.data);
  const metadata = JSON.stringify({ ...event.metadata, principal: { role: 'operator', unit: 'VN', subject: 'vigil-bench' } });
  const hash = createHash('sha256').update(`${event.type}${event.occurredAt}${data}`).digest('hex');
  return {
    streamId: streamOf(event).streamId,
    tail: [event.type, event.occurredAt, recordedAt, copyText(data), copyText(metadata), hash].join('\t'),
  };
}

/** Rows with unique positions, event ids and (stream, revision) pairs, like the store's. */
function* rows(templateRows: Template[], count: number): Generator<string> {
  for (let start = 0; start < count; start += ROWS_PER_CHUNK) {
    let chunk = '';
    for (let i = start; i < Math.min(count, start + ROWS_PER_CHUNK); i += 1) {
      const { streamId, tail } = templateRows[i % templateRows.length]!;
      const eventId = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      chunk += `${i + 1}\t${eventId}\t${streamId}\t${i}\t${tail}\n`;
    }
    yield chunk;
  }
}

/**
 * The machine's ceiling for writing events: COPY of events-shaped rows into an unlogged copy of
 * the `events` table with all its indexes. Unlogged skips the WAL the store must write, so this
 * is an upper bound, not a target.
 */
export async function copyCeiling(context: StageContext): Promise<StageOutcome> {
  const count = context.options.copyRows;
  const client = new pg.Client({ connectionString: context.databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await client.query(`CREATE UNLOGGED TABLE ${TABLE} (LIKE events INCLUDING ALL)`);
    const templateRows = templates(context);
    context.progress.say(`copy: COPY of ${formatNumber(count)} rows into an unlogged events-shaped table`);
    const started = performance.now();
    await pipeline(Readable.from(rows(templateRows, count)), client.query(copyFrom(`COPY ${TABLE} (${COLUMNS}) FROM STDIN`)));
    const seconds = (performance.now() - started) / 1000;
    const { rows: counted } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${TABLE}`);
    if (Number(counted[0]!.n) !== count) throw new Error(`COPY stored ${counted[0]!.n} rows of ${count}`);
    return { figures: { 'ceiling.copy': count / seconds }, details: { rows: count, seconds } };
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
    await client.end();
  }
}
