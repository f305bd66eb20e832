import type pg from 'pg';
import { formatNumber, type Progress } from '../report/progress';
import { watchCheckpoint } from './relay-checkpoint';

export const STALL_MS = 60_000;

export interface RelayTiming {
  /** The first checkpoint seen after start-up: the relay's first page. */
  readonly first: { position: bigint; at: number };
  /** The first checkpoint seen at or past the target. */
  readonly last: { position: bigint; at: number };
  /** This process's CPU time between the two, in µs. */
  readonly cpuMicros: number;
}

/** Events per second between two readings of a checkpoint. */
function rateSince(previous: { position: bigint; at: number }) {
  return (position: bigint) => {
    const now = performance.now();
    const rate = (Number(position - previous.position) * 1000) / Math.max(1, now - previous.at);
    previous = { position, at: now };
    return rate;
  };
}

/** Times a relay that is starting up from its first page until its checkpoint passes `target`. */
export async function timeRelay(pool: pg.Pool, name: string, target: bigint, progress: Progress): Promise<RelayTiming> {
  const first = await watchCheckpoint(
    pool,
    name,
    (position) => position > 0n,
    () => undefined,
    STALL_MS,
  );
  if (first.position >= target) throw new Error(`${target} events are too few to time: the first page took them all`);
  const cpuAtFirst = process.cpuUsage();
  const recentRate = rateSince(first);
  const say = (position: bigint) =>
    position > first.position &&
    progress.every(
      () =>
        `relay: ${formatNumber(Number(position))} / ${formatNumber(Number(target))} events, ${formatNumber(recentRate(position))} events/s`,
    );
  const last = await watchCheckpoint(pool, name, (position) => position >= target, say, STALL_MS);
  const cpu = process.cpuUsage(cpuAtFirst);
  return { first, last, cpuMicros: cpu.user + cpu.system };
}
