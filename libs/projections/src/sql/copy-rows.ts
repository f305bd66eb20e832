import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;

/**
 * A value as COPY text. Identifiers (`[A-Za-z0-9._:-]`, CONTRACT.md §2), enum keys, numbers and ISO
 * instants never hold a tab, a newline or a backslash; anything else goes through `copyText`.
 */
export const copyText = (value: string) => (SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value);

const LINES_PER_CHUNK = 4_000;

function* chunks(lines: readonly string[]): Generator<string> {
  for (let start = 0; start < lines.length; start += LINES_PER_CHUNK) {
    yield lines.slice(start, start + LINES_PER_CHUNK).join('');
  }
}

/** Inserts rows with COPY (text format; each line tab-separated, ending with a newline): the fastest way PostgreSQL takes many rows. */
export async function copyLines(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  lines: readonly string[],
): Promise<void> {
  if (lines.length === 0) return;
  await pipeline(Readable.from(chunks(lines)), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

/** NULL in COPY text. */
export const COPY_NULL = '\\N';

/** An epoch-ms instant as timestamptz text (infinite bounds included). */
export function instantText(ms: number | null): string | null {
  if (ms === null) return null;
  if (ms === Infinity) return 'infinity';
  if (ms === -Infinity) return '-infinity';
  return new Date(ms).toISOString();
}

/** `instantText` for many instants that repeat (knowledge instants of one posted batch), remembered. */
export function instantTexts(): (ms: number) => string {
  const held = new Map<number, string>();
  return (ms) => {
    let text = held.get(ms);
    if (text === undefined) {
      text = instantText(ms)!;
      held.set(ms, text);
    }
    return text;
  };
}
