import type { CompareFigure } from '../api/types';
import type { TimeSelection } from '../api/endpoints';
import { COMPARE_FIGURES } from '../api/vocabulary';

/** Every view is addressed in the URL's hash (#/scorecard/VN-LCI?at=…&asOf=…): the server only serves files. */
export type Route =
  | { view: 'home' }
  | { view: 'scorecard'; unitId: string }
  | { view: 'unit'; unitId: string; figure: CompareFigure }
  | { view: 'evidence'; directiveId: string; targetId: string; unitId: string }
  /** `highlight`: the case or hotspot an evidence item links to, marked in the register. */
  | { view: 'cases'; unitId: string; highlight?: string }
  | { view: 'hotspots'; unitId: string; highlight?: string }
  | { view: 'not-found' };

export interface Address {
  route: Route;
  time: TimeSelection;
}

export const DEFAULT_FIGURE: CompareFigure = 'casesOpened';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date that exists (no 30 February: Date would roll it over into March). */
const isDate = (value: string) => {
  const instant = new Date(`${value}T00:00:00Z`);
  return DATE.test(value) && !Number.isNaN(instant.getTime()) && instant.toISOString().startsWith(value);
};
const isInstant = (value: string) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
const isFigure = (value: string | null): value is CompareFigure => (COMPARE_FIGURES as readonly string[]).includes(value ?? '');

function decode(segment: string | undefined): string | null {
  if (segment === undefined || segment === '') return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Address {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const query = new URLSearchParams(search);
  const time: TimeSelection = {};
  const at = query.get('at');
  const asOf = query.get('asOf');
  if (at && isDate(at)) time.at = at;
  if (asOf && isInstant(asOf)) time.asOf = asOf;
  const [view, ...rest] = path.replace(/^\/+/, '').split('/');
  const [first, second] = rest.map(decode);
  const route = ((): Route => {
    if (!view) return { view: 'home' };
    if (view === 'scorecard' && first && rest.length === 1) return { view, unitId: first };
    if (view === 'unit' && first && rest.length === 1) {
      const figure = query.get('figure');
      return { view, unitId: first, figure: isFigure(figure) ? figure : DEFAULT_FIGURE };
    }
    if ((view === 'cases' || view === 'hotspots') && first && rest.length === 1) {
      const highlight = query.get('highlight');
      return highlight ? { view, unitId: first, highlight } : { view, unitId: first };
    }
    const unitId = query.get('unit');
    if (view === 'evidence' && first && second && rest.length === 2 && unitId)
      return { view, directiveId: first, targetId: second, unitId };
    return { view: 'not-found' };
  })();
  return { route, time };
}

export function formatHash({ route, time }: Address): string {
  const query = new URLSearchParams();
  const path = ((): string => {
    switch (route.view) {
      case 'home':
      case 'not-found':
        return '/';
      case 'scorecard':
        return `/${route.view}/${encodeURIComponent(route.unitId)}`;
      case 'cases':
      case 'hotspots':
        if (route.highlight) query.set('highlight', route.highlight);
        return `/${route.view}/${encodeURIComponent(route.unitId)}`;
      case 'unit':
        if (route.figure !== DEFAULT_FIGURE) query.set('figure', route.figure);
        return `/unit/${encodeURIComponent(route.unitId)}`;
      case 'evidence':
        query.set('unit', route.unitId);
        return `/evidence/${encodeURIComponent(route.directiveId)}/${encodeURIComponent(route.targetId)}`;
    }
  })();
  if (time.at) query.set('at', time.at);
  if (time.asOf) query.set('asOf', time.asOf);
  const search = query.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}
