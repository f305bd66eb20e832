import { type ProjectionOffsets, ProjectorOffsets } from '../harness/projector-offsets';
import { formatNumber, type Progress } from '../report/progress';

const POLL_MS = 100;
const STALL_MS = 60_000;

/**
 * One projection seen through its committed offsets: at its first reading with something applied
 * (`atFirst` messages already) and at the first reading with all of its topics' `messages` applied.
 */
export interface ProjectionSpan {
  readonly name: string;
  readonly messages: number;
  readonly first: number;
  readonly atFirst: number;
  readonly last: number;
}

/** Messages per second of each projection since the previous call (the first: since `since`). */
function windowedRates(since: { at: number; offsets: readonly ProjectionOffsets[] }) {
  let previous = since;
  return (offsets: readonly ProjectionOffsets[]) => {
    const at = performance.now();
    const rates = offsets.map(
      (o, i) => ((o.committed - (previous.offsets[i]?.committed ?? 0)) * 1000) / Math.max(1, at - previous.at),
    );
    previous = { at, offsets };
    return rates;
  };
}

/**
 * Polls each projection's committed offsets from the moment the projector starts until every
 * projection has applied every message of its topics (filled beforehand, so nothing is added meanwhile).
 */
export async function timeProjections(
  brokers: string,
  namespace: string,
  progress: Progress,
  alive: () => boolean,
): Promise<ProjectionSpan[]> {
  const offsets = new ProjectorOffsets(brokers, namespace);
  await offsets.connect();
  try {
    const ends = await offsets.topicEnds();
    const first = new Map<string, { at: number; committed: number }>();
    const last = new Map<string, number>();
    let rates: ReturnType<typeof windowedRates> | undefined;
    let moved = { committed: -1, at: performance.now() };
    for (;;) {
      const readings = await offsets.read(ends);
      const at = performance.now();
      for (const { name, committed, end } of readings) {
        if ((committed > 0 || end === 0) && !first.has(name)) first.set(name, { at, committed });
        if (committed >= end && !last.has(name)) last.set(name, at);
      }
      if (last.size === readings.length)
        return readings.map(({ name, end }) => ({
          name,
          messages: end,
          first: first.get(name)!.at,
          atFirst: first.get(name)!.committed,
          last: last.get(name)!,
        }));
      if (rates === undefined && first.size > 0) rates = windowedRates({ at, offsets: readings });
      else if (rates !== undefined) {
        const recent = rates;
        progress.every(() => {
          const perSecond = recent(readings);
          return `project: ${readings.map((r, i) => `${r.name} ${formatNumber(r.committed)}/${formatNumber(r.end)} (${formatNumber(perSecond[i]!)}/s)`).join(', ')}`;
        });
      }
      const committed = readings.reduce((sum, r) => sum + r.committed, 0);
      if (committed !== moved.committed) moved = { committed, at };
      else if (at - moved.at > STALL_MS) throw new Error(`the projector applied nothing for ${STALL_MS / 1000} s`);
      if (!alive()) throw new Error('the projector service exited');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await offsets.disconnect();
  }
}

/**
 * Messages a projection applied per second between its first and its last reading; NaN when the
 * first reading already saw them all (too few to time).
 */
export function spanRate(span: ProjectionSpan): number {
  if (span.atFirst >= span.messages) return Number.NaN;
  return ((span.messages - span.atFirst) * 1000) / Math.max(1, span.last - span.first);
}

/**
 * Events of the log projected per second, all projections together: from the first reading with
 * anything applied to the last projection's end. What was already applied at the first reading of
 * each projection (its first batch, whose time is not in the span) is taken out, as a share of all
 * the projections' messages.
 */
export function overallRate(events: number, spans: readonly ProjectionSpan[]): { rate: number; seconds: number } {
  const first = Math.min(...spans.map((s) => s.first));
  const last = Math.max(...spans.map((s) => s.last));
  const messages = spans.reduce((sum, s) => sum + s.messages, 0);
  const before = spans.reduce((sum, s) => sum + s.atFirst, 0);
  const seconds = (last - first) / 1000;
  return { rate: (events * (1 - before / messages)) / seconds, seconds };
}
