import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice, Loading } from '../ui/states';

/**
 * A view whose code is fetched the first time it is shown (its own chunk): the scorecard, the page most
 * visits start on, loads nothing of the unit, evidence or register views.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyView(props: P) {
    const [view, setView] = useState<{ component: ComponentType<P> | null; error?: unknown }>({ component: loaded });
    useEffect(() => {
      if (view.component) return;
      load().then(
        (component) => setView({ component: (loaded = component) }),
        (error: unknown) => setView({ component: null, error }),
      );
    }, [view.component]);
    if (view.error !== undefined) return <ErrorNotice error={view.error} />;
    const View = view.component;
    return View ? <View {...props} /> : <Loading />;
  };
}
