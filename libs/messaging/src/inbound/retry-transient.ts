export interface RetryTransientOptions {
  /** The pause before each new attempt; its length bounds the attempts (length + 1). */
  readonly delaysMs: readonly number[];
  readonly isTransient: (error: unknown) => boolean;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onRetry?: (error: unknown, attempt: number) => void;
}

export type RetryOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown; readonly transient: boolean; readonly attempts: number };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation`, again after each pause of `delaysMs` while it fails transiently; never throws.
 * A failure that is not transient is answered at once: it would fail the same way every time.
 */
export async function retryTransient<T>(operation: () => Promise<T>, options: RetryTransientOptions): Promise<RetryOutcome<T>> {
  const sleep = options.sleep ?? pause;
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await operation() };
    } catch (error) {
      const transient = options.isTransient(error);
      const delay = options.delaysMs[attempt - 1];
      if (!transient || delay === undefined) return { ok: false, error, transient, attempts: attempt };
      options.onRetry?.(error, attempt);
      await sleep(delay);
    }
  }
}
