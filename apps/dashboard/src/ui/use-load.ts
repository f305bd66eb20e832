import { useEffect, useState } from 'preact/hooks';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

const LOADING: Loadable<never> = { status: 'loading' };

/**
 * Runs `load` whenever `key` changes (the inputs, serialised), aborting the previous run; answers its
 * state and a retry. What was loaded for other inputs is never answered for these: until the new run
 * settles, the state is `loading` (no render shows last figure's rows under this figure's name).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): [Loadable<T>, () => void] {
  const [loaded, setLoaded] = useState<{ key: string; state: Loadable<T> } | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoaded(null);
    const settle = (state: Loadable<T>) => controller.signal.aborted || setLoaded({ key, state });
    load(controller.signal).then(
      (value) => settle({ status: 'ready', value }),
      (error: unknown) => settle({ status: 'failed', error }),
    );
    return () => controller.abort();
  }, [key, attempt]); // `key` stands for everything `load` reads
  return [loaded?.key === key ? loaded.state : LOADING, () => setAttempt((n) => n + 1)];
}
