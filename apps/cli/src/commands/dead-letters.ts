import {
  type DeadLetterEntry,
  listDeadLetters,
  parseDeadLetterId,
  recordResolution,
  retryInbound,
  retryProjection,
} from '@vigil/messaging';
import { loadConfig, type VigilConfig } from '@vigil/platform';
import { PROJECTIONS } from '@vigil/projections';
import { COMMANDS } from './catalogue';
import { Command } from 'commander';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { openKafka, openPool } from '../ops/connections';
import { formatTable } from '../ops/table';
import { UsageError } from '../usage-error';

interface Session {
  config: VigilConfig;
  pool: Pool;
  kafka: Kafka;
}

async function withSession(work: (session: Session) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const pool = openPool(config);
  try {
    await work({ config, pool, kafka: openKafka(config) });
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** The unresolved dead letter `id`, or a failure saying why there is none. */
async function find(session: Session, id: string): Promise<DeadLetterEntry> {
  if (!parseDeadLetterId(id))
    throw new UsageError(`${id}: expected <topic>:<partition>:<offset>, as \`vigil dead-letters list\` shows`);
  const entry = (await listDeadLetters(session.kafka, session.pool, session.config.VIGIL_NAMESPACE)).find(
    (item) => item.id === id,
  );
  if (!entry) throw new Error(`${id}: no unresolved dead letter with that id`);
  return entry;
}

function printList(entries: readonly DeadLetterEntry[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return;
  }
  const rows = entries.map((entry) => [entry.id, entry.projection ?? 'inbound', entry.original.key ?? '', entry.reason]);
  process.stdout.write(formatTable(['ID', 'CONSUMER', 'KEY', 'REASON'], rows));
}

/** `vigil dead-letters list | retry ID | discard ID`: what consumers could not process, and why. */
export function deadLettersCommand(): Command {
  const deadLetters = new Command('dead-letters').description(COMMANDS['dead-letters']!.summary).exitOverride();
  deadLetters
    .command('list')
    .description('unresolved dead letters of the projections and inbound rejections')
    .exitOverride()
    .option('--json', 'one JSON document on stdout')
    .action((options: { json?: boolean }) =>
      withSession(async ({ config, pool, kafka }) =>
        printList(await listDeadLetters(kafka, pool, config.VIGIL_NAMESPACE), Boolean(options.json)),
      ),
    );
  deadLetters
    .command('retry <id>')
    .description('process it again: a projection applies the event; an inbound message goes back to the inbound topic')
    .exitOverride()
    .option('--token <token>', 'upstream token to sign a retried inbound message with (rejections never keep the original)')
    .action((id: string, options: { token?: string }) =>
      withSession(async (session) => {
        const entry = await find(session, id);
        if (entry.kind === 'inbound') {
          if (!options.token)
            throw new UsageError(`${id} is an inbound rejection: give --token, an upstream token to sign it with`);
          const target = { namespace: session.config.VIGIL_NAMESPACE, partitions: session.config.KAFKA_TOPIC_PARTITIONS };
          await retryInbound(session.kafka, target, entry, options.token);
        } else {
          await retryProjection(session.pool, PROJECTIONS, entry);
        }
        await recordResolution(session.pool, id, 'retried');
        process.stderr.write(
          entry.kind === 'inbound' ? `${id}: sent to the inbound topic again\n` : `${id}: applied to ${entry.projection}\n`,
        );
      }),
    );
  deadLetters
    .command('discard <id>')
    .description('stop listing it, recorded as discarded')
    .exitOverride()
    .action((id: string) =>
      withSession(async (session) => {
        await find(session, id);
        if (!(await recordResolution(session.pool, id, 'discarded'))) throw new Error(`${id}: already resolved`);
        process.stderr.write(`${id}: discarded\n`);
      }),
    );
  return deadLetters;
}
