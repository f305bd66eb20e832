import type { TimeSelection } from '../api/endpoints';
import { type Route, formatHash } from './route';

/** The href of a view, keeping the time controls. */
export const hrefOf = (route: Route, time: TimeSelection): string => formatHash({ route, time });
