import { METHODS } from 'node:http';
import type { Request } from 'express';

interface ExpressRoute {
  path?: unknown;
  _methods(): string[];
}

interface RouteLayer {
  route?: ExpressRoute;
  match(path: string): unknown;
}

/**
 * An endpoint's route, not a middleware Nest mounted as a route for every method (nestjs-pino's
 * `{/*splat}`): Express leaves that one in `req.route` when no endpoint matched.
 */
function isEndpoint(route: ExpressRoute): boolean {
  return route._methods().length < METHODS.length;
}

/** The route template that answered (`/v1/units/:unitId/stats`), never the raw path; none when no endpoint matched. */
export function routeOf(request: Request): string | undefined {
  const route = request.route as ExpressRoute | undefined;
  return route && typeof route.path === 'string' && isEndpoint(route) ? route.path : undefined;
}

/**
 * The methods the app's endpoints take on the request's path (Express's router stack), for the
 * `Allow` header of a 405; empty when no endpoint has this path.
 */
export function allowedMethods(request: Request): string[] {
  const stack = (request.app as unknown as { router?: { stack?: RouteLayer[] } } | undefined)?.router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    const route = layer.route;
    if (route && isEndpoint(route) && layer.match(request.path)) for (const method of route._methods()) methods.add(method);
  }
  return [...methods];
}
