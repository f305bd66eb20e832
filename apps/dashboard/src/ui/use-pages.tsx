import { useRef, useState } from 'preact/hooks';
import type { Page } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from './states';

export interface Pages<T> {
  items: T[];
  /** Every page is loaded. */
  complete: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => Promise<void>;
  /** Loads page after page until the last (or an error). */
  loadAll: () => Promise<void>;
}

/** The items of a paginated answer loaded so far, from its first page, and how to load the next ones. */
export function usePages<T>(first: Page<T>, next: (cursor: string) => Promise<Page<T>>): Pages<T> {
  const [items, setItems] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The cursor as of the last page loaded, for loadAll's loop (state updates land after it reads).
  const latest = useRef(first.nextCursor);
  const load = async (all: boolean) => {
    if (latest.current === null || loading) return;
    setLoading(true);
    setError(null);
    try {
      do {
        const page = await next(latest.current);
        latest.current = page.nextCursor;
        setItems((loaded) => [...loaded, ...page.items]);
        setCursor(page.nextCursor);
      } while (all && latest.current !== null);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  };
  return { items, complete: cursor === null, loading, error, loadMore: () => load(false), loadAll: () => load(true) };
}

/** The next page's button (while there is one), and what went wrong loading it. */
export function LoadMore<T>({ pages, label }: { pages: Pages<T>; label: string }) {
  const { t } = useI18n();
  return (
    <>
      {pages.error !== null && <ErrorNotice error={pages.error} retry={pages.loadMore} />}
      {!pages.complete && (
        <button type="button" onClick={pages.loadMore} disabled={pages.loading} aria-busy={pages.loading}>
          {pages.loading ? t.state.loading : label}
        </button>
      )}
    </>
  );
}
