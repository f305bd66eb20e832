import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from './states';

interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

/** The items of a paginated answer loaded so far, from its first page, and how to load the next. */
export function usePages<T>(first: Paged<T>, next: (cursor: string) => Promise<Paged<T>>) {
  const [items, setItems] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const loadMore = async () => {
    if (cursor === null) return;
    setLoading(true);
    setError(null);
    try {
      const page = await next(cursor);
      setItems((loaded) => [...loaded, ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  };
  return { items, complete: cursor === null, loading, error, loadMore };
}

/** The next page's button (while there is one), and what went wrong loading it. */
export function LoadMore({ pages, label }: { pages: ReturnType<typeof usePages<unknown>>; label: string }) {
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
