import type { PoolClient } from 'pg';
import type { RebuildMemory, RebuildPipeline } from '../projection';
import { copyLines, copyText } from '../sql/copy-rows';

/**
 * Rows a projection keeps by key and rewrites as events come (a case as it stands), during a rebuild:
 * an upsert per page costs most of a rebuild, so the pages keep the rows in the run's memory and
 * only append them to `rebuild_rows` (COPY, no index); the projection makes its table from each key's
 * last row once, at the switch (`latest`). The table is what a resumed run reads back, and what the
 * memory is reloaded from after a savepoint rolled back (the engine then clears the memory).
 */
export class RebuildRows<Row> {
  constructor(
    private readonly kind: string,
    private readonly keyOf: (row: Row) => string,
    private readonly encode: (row: Row) => string,
    private readonly decode: (text: string) => Row,
  ) {}

  /** The rows held for these keys (missing keys have none). */
  async load(
    client: PoolClient,
    schema: string,
    memory: RebuildMemory,
    keys: readonly string[],
    pipeline?: RebuildPipeline,
  ): Promise<Map<string, Row>> {
    const held = await this.held(client, schema, memory, pipeline);
    const rows = new Map<string, Row>();
    for (const key of keys) {
      const text = held.get(key);
      if (text !== undefined) rows.set(key, this.decode(text));
    }
    return rows;
  }

  /** Into the run's memory at once, and appended to the table (a pipelined page hands the append over). */
  async save(
    client: PoolClient,
    schema: string,
    memory: RebuildMemory,
    rows: readonly Row[],
    pipeline?: RebuildPipeline,
  ): Promise<void> {
    if (rows.length === 0) return;
    const held = await this.held(client, schema, memory, pipeline);
    const encoded = rows.map((row) => [this.keyOf(row), this.encode(row)] as const);
    for (const [key, text] of encoded) held.set(key, text);
    const lines = encoded.map(([key, text]) => `${this.kind}\t${copyText(key)}\t${copyText(text)}\n`);
    const appended = copyLines(client, `${schema}.rebuild_rows`, ['kind', 'key', 'body'], lines);
    if (pipeline) pipeline.defer(appended);
    else await appended;
  }

  /** SQL of each key's last row (`key`, `body` as text), for the projection's `finishRebuild`. */
  latest(schema: string): string {
    return `SELECT DISTINCT ON (key) key, body FROM ${schema}.rebuild_rows WHERE kind = '${this.kind}' ORDER BY key, seq DESC`;
  }

  /** The rows as their text: a third of the memory the objects would take (a rebuild of 1M events keeps ~200k cases twice). */
  private async held(
    client: PoolClient,
    schema: string,
    memory: RebuildMemory,
    pipeline?: RebuildPipeline,
  ): Promise<Map<string, string>> {
    let held = memory.get(this.kind) as Map<string, string> | undefined;
    if (held === undefined) {
      await pipeline?.priorCommitted(); // the earlier pages' rows, from another connection
      const { rows } = await client.query<{ key: string; body: string }>(this.latest(schema));
      held = new Map(rows.map(({ key, body }) => [key, body]));
      memory.set(this.kind, held);
    }
    return held;
  }
}

/** The rows a rebuild kept, appended in order (`seq`): one table per version, emptied at the switch. */
export const REBUILD_ROWS_DDL = (schema: string) =>
  `CREATE TABLE IF NOT EXISTS ${schema}.rebuild_rows (
     seq bigint GENERATED ALWAYS AS IDENTITY, kind text NOT NULL, key text NOT NULL, body text NOT NULL)`;
