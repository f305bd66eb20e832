import { isDatabaseUnavailable } from '@vigil/platform';

/** How a batch that fails is tried again. */
export interface BatchRetryPolicy {
  /** Failures not caused by an outage before the events that fail alone are set aside (dead-lettered). */
  readonly attemptsBeforeIsolating: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BATCH_RETRY: BatchRetryPolicy = { attemptsBeforeIsolating: 3, firstDelayMs: 500, maxDelayMs: 5_000 };

/**
 * `transient`: the database or Kafka is unavailable; the batch waits for them, however long, and
 * nothing is dead-lettered (an outage would otherwise dead-letter everything). `permanent`: anything
 * else, counted towards isolating the events that cause it.
 */
export type FailureKind = 'transient' | 'permanent';

export function failureKindOf(error: unknown): FailureKind {
  const kafka = error instanceof Error && error.name.startsWith('KafkaJS');
  return kafka || isDatabaseUnavailable(error) ? 'transient' : 'permanent';
}

export interface RetryHooks {
  /** After each failed attempt, before the wait. */
  onFailure(error: unknown, kind: FailureKind, failures: number): void;
  /** After each wait: false to give the batch up (stopping, or its partition was taken away). */
  goOn(): Promise<boolean>;
  sleep?(ms: number): Promise<void>;
}

/**
 * Runs `attempt` until it succeeds: plainly first, then, after `attemptsBeforeIsolating` permanent
 * failures, with `isolate` (the events that fail alone are set aside, the others applied). Waits
 * with a doubling delay between attempts. Resolves with null when `goOn` says to give the batch up.
 */
export async function withBatchRetries<T>(
  attempt: (isolate: boolean) => Promise<T>,
  policy: BatchRetryPolicy,
  hooks: RetryHooks,
): Promise<T | null> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let permanentFailures = 0;
  let delay = policy.firstDelayMs;
  for (;;) {
    try {
      return await attempt(permanentFailures >= policy.attemptsBeforeIsolating);
    } catch (error) {
      const kind = failureKindOf(error);
      if (kind === 'permanent') permanentFailures += 1;
      hooks.onFailure(error, kind, permanentFailures);
      await sleep(delay);
      delay = Math.min(delay * 2, policy.maxDelayMs);
      if (!(await hooks.goOn())) return null;
    }
  }
}
