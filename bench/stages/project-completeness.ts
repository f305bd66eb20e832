import { servingSchemaOf } from '@vigil/projections';
import pg from 'pg';

/**
 * Per projection, how many events its guard says it consumed: each stream's last applied revision + 1,
 * summed (a stored stream's revisions run 0, 1, 2, … with no gaps). Equal to the messages of its topics
 * when nothing was lost; the `applied` counter is lower by the redeliveries the guard skipped.
 */
export async function guardedEvents(databaseUrl: string, projections: readonly string[]): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const name of projections) {
      const { rows } = await client.query<{ events: string | null }>(
        `SELECT sum(revision + 1)::text AS events FROM ${servingSchemaOf({ name })}.applied_streams`,
      );
      counts[name] = Number(rows[0]?.events ?? 0);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** The projections whose guard holds fewer or more events than their topics had messages. */
export function incomplete(messages: Readonly<Record<string, number>>, guarded: Readonly<Record<string, number>>): string[] {
  return Object.entries(messages)
    .filter(([name, count]) => guarded[name] !== count)
    .map(([name, count]) => `${name}: ${guarded[name] ?? 0} events in its guard, ${count} messages in its topics`);
}
