import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { Loadable } from './use-load';

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="state state--loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {t.state.loading}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state state--empty">{children}</p>;
}

export function ErrorNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useI18n();
  const detail =
    error instanceof ApiError
      ? error.status === 0
        ? t.state.network
        : `${error.problem.title ?? error.status}${error.problem.detail ? `: ${error.problem.detail}` : ''}${error.problem.code ? ` (${error.problem.code})` : ''}`
      : String(error);
  return (
    <div class="state state--error" role="alert">
      <strong>{t.state.failed}</strong>
      <p>{detail}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t.state.retry}
        </button>
      )}
    </div>
  );
}

/** Loading, error or the content drawn from the value. */
export function Loaded<T>({
  state,
  retry,
  children,
}: {
  state: Loadable<T>;
  retry?: () => void;
  children: (value: T) => ComponentChildren;
}) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') return <ErrorNotice error={state.error} {...(retry ? { retry } : {})} />;
  return <>{children(state.value)}</>;
}
