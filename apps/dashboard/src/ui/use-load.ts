import { useEffect, useState } from 'preact/hooks';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

/**
 * Runs `load` whenever `key` changes (the inputs, serialised), aborting the previous run; answers its
 * state and a retry.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): [Loadable<T>, () => void] {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (value) => controller.signal.aborted || setState({ status: 'ready', value }),
      (error: unknown) => controller.signal.aborted || setState({ status: 'failed', error }),
    );
    return () => controller.abort();
  }, [key, attempt]); // `key` stands for everything `load` reads
  return [state, () => setAttempt((n) => n + 1)];
}
