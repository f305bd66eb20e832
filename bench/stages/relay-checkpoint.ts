import type pg from 'pg';

const POLL_MS = 20;

/** The stored checkpoint of a relay (0 before its first page), or undefined when it never ran. */
export async function checkpointOf(pool: pg.Pool, name: string): Promise<bigint | undefined> {
  const { rows } = await pool.query<{ position: string }>('SELECT position FROM relay_checkpoints WHERE name = $1', [name]);
  return rows[0] ? BigInt(rows[0].position) : undefined;
}

/**
 * Polls a relay's checkpoint until `done` holds for it, calling `onPoll` with each reading; the
 * returned reading is the first that satisfied `done`, timed when it was read. Fails when the
 * checkpoint stays put for `stallMs`.
 */
export async function watchCheckpoint(
  pool: pg.Pool,
  name: string,
  done: (position: bigint) => boolean,
  onPoll: (position: bigint) => void,
  stallMs: number,
): Promise<{ position: bigint; at: number }> {
  let last = { position: -1n, at: performance.now() };
  for (;;) {
    const position = (await checkpointOf(pool, name)) ?? 0n;
    const at = performance.now();
    if (done(position)) return { position, at };
    onPoll(position);
    if (position !== last.position) last = { position, at };
    else if (at - last.at > stallMs) throw new Error(`relay ${name}: checkpoint stuck at ${position} for ${stallMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
