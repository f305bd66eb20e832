import type { StoredEvent } from '@vigil/contract';

/**
 * How a register applies a batch: read the rows the batch touches in one query, evolve them in
 * memory event by event (pure), write them back in one statement. `evolve` throws
 * `UnapplicableEventError` for an event it cannot apply; nothing is written then.
 */
export async function foldRows<Row, E extends StoredEvent>(
  events: readonly E[],
  keyOf: (event: E) => string,
  load: (keys: string[]) => Promise<Map<string, Row>>,
  evolve: (row: Row | undefined, event: E) => Row,
  save: (rows: Row[]) => Promise<void>,
): Promise<void> {
  if (events.length === 0) return;
  const rows = await load([...new Set(events.map(keyOf))]);
  const changed = new Map<string, Row>();
  for (const event of events) {
    const key = keyOf(event);
    const row = evolve(rows.get(key), event);
    rows.set(key, row);
    changed.set(key, row);
  }
  await save([...changed.values()]);
}
