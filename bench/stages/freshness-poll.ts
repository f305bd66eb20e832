import type { RunningService } from '../harness/service';
import { queryView } from './freshness-http';
import { ProbeWatch, type View } from './freshness-watch';

/** A query of each view starts at most this often while probes wait: the bound of the polling error, with the query's own time. */
export const POLL_MS = 10;
const IDLE_MS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Queries each view (one query in flight per view) as long as probes wait to be seen in it, until
 * stopped and every probe was seen, or the settling time ran out.
 */
export function watchProbes(service: RunningService, probeUnit: string) {
  const watch = new ProbeWatch();
  const queryMs: Record<View, number[]> = { register: [], figures: [] };
  let stopAt = Infinity;
  let failure: string | undefined;

  const loop = async (view: View) => {
    while (performance.now() < stopAt && !failure) {
      if (watch.waiting(view) === 0) {
        if (stopAt !== Infinity) return;
        await sleep(IDLE_MS);
        continue;
      }
      const sentAt = performance.now();
      try {
        const answer = await queryView(service, view, probeUnit, watch.registerWindow());
        const answeredAt = performance.now();
        queryMs[view].push(answeredAt - sentAt);
        watch.answered(view, sentAt, answeredAt, answer);
      } catch (error) {
        failure = `${view} query failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      await sleep(Math.max(0, sentAt + POLL_MS - performance.now()));
    }
  };
  const loops = Promise.all([loop('register'), loop('figures')]);

  return {
    watch,
    /** How long each query of each view took. */
    queryMs,
    get failure() {
      return failure;
    },
    /** Lets the loops finish the probes still waiting, for at most `settleMs`. */
    async stop(settleMs: number): Promise<void> {
      stopAt = performance.now() + settleMs;
      await loops;
    },
  };
}
