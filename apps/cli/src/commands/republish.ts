import { PostgresEventStore } from '@vigil/event-store';
import { positionsRecordedBetween, type RepublishRange, republish } from '@vigil/messaging';
import { loadConfig } from '@vigil/platform';
import { COMMANDS } from './catalogue';
import { Command } from 'commander';
import { openKafka, openPool } from '../ops/connections';
import { Progress } from '../ops/progress';
import { UsageError } from '../usage-error';

const USAGE = 'usage: vigil republish --from-position P [--to-position Q] [--stream S] | --from-time T --to-time T [--stream S]';

interface Options {
  fromPosition?: string;
  toPosition?: string;
  fromTime?: string;
  toTime?: string;
  stream?: string;
}

function position(flag: string, text: string): bigint {
  if (!/^\d{1,19}$/.test(text) || BigInt(text) < 1n) throw new UsageError(`${flag} ${text}: expected a position ≥ 1\n${USAGE}`);
  return BigInt(text);
}

function instant(flag: string, text: string): Date {
  const time = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(time.getTime()))
    throw new UsageError(`${flag} ${text}: expected an ISO 8601 time, e.g. 2024-03-01T00:00:00Z\n${USAGE}`);
  return time;
}

/** The options as a range; positions and times are exclusive ways of saying it. */
function parseRange(options: Options): RepublishRange & { byTime: boolean } {
  const byPosition = options.fromPosition !== undefined || options.toPosition !== undefined;
  const byTime = options.fromTime !== undefined || options.toTime !== undefined;
  if (byPosition && byTime) throw new UsageError(`give positions or times, not both\n${USAGE}`);
  if (!byPosition && !byTime) throw new UsageError(`--from-position or --from-time is required\n${USAGE}`);
  const stream = options.stream !== undefined ? { streamId: options.stream } : {};
  if (byTime) {
    if (options.fromTime === undefined || options.toTime === undefined)
      throw new UsageError(`--from-time and --to-time go together\n${USAGE}`);
    const fromTime = instant('--from-time', options.fromTime);
    const toTime = instant('--to-time', options.toTime);
    if (fromTime > toTime) throw new UsageError(`--from-time is after --to-time\n${USAGE}`);
    return { fromPosition: 1n, toPosition: 0n, fromTime, toTime, byTime, ...stream };
  }
  if (options.fromPosition === undefined) throw new UsageError(`--from-position is required\n${USAGE}`);
  const fromPosition = position('--from-position', options.fromPosition);
  const toPosition =
    options.toPosition === undefined ? BigInt(Number.MAX_SAFE_INTEGER) : position('--to-position', options.toPosition);
  if (fromPosition > toPosition)
    throw new UsageError(`--from-position ${fromPosition} is after --to-position ${toPosition}\n${USAGE}`);
  return { fromPosition, toPosition, byTime, ...stream };
}

/** `vigil republish …`: stored events to Kafka again, in log order, with progress on stderr. */
export function republishCommand(): Command {
  return new Command('republish')
    .description(COMMANDS.republish!.summary)
    .exitOverride()
    .option('--from-position <P>', 'first position')
    .option('--to-position <Q>', 'last position (default: the head of the log)')
    .option('--from-time <T>', 'first recordedAt (ISO 8601)')
    .option('--to-time <T>', 'last recordedAt (ISO 8601)')
    .option('--stream <S>', 'only this stream')
    .action(async (options: Options) => {
      const { byTime, ...range } = parseRange(options);
      const config = loadConfig();
      const pool = openPool(config);
      try {
        const store = new PostgresEventStore(pool);
        if (byTime) {
          const bounds = await positionsRecordedBetween(pool, range.fromTime!, range.toTime!);
          if (!bounds) {
            process.stderr.write('republish: no event recorded in that time range\n');
            return;
          }
          range.fromPosition = bounds.first;
          range.toPosition = bounds.last;
        }
        const head = await store.headPosition();
        const last = range.toPosition < head ? range.toPosition : head;
        const total = range.streamId === undefined && last >= range.fromPosition ? Number(last - range.fromPosition + 1n) : null;
        const progress = new Progress('republish', total);
        const target = { kafka: openKafka(config), namespace: config.VIGIL_NAMESPACE, partitions: config.KAFKA_TOPIC_PARTITIONS };
        const published = await republish(store, target, range, (done) => progress.update(done));
        progress.finish(published);
      } finally {
        await pool.end().catch(() => undefined);
      }
    });
}
