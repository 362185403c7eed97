import type { Request, RequestHandler, Response } from 'express';
import { threadMetrics, type ThreadMetrics } from './thread-metrics.js';

/** Where a handler that is no Express route (static files) names what it served. */
const ROUTE_LABEL = 'metricsRoute';

/** The `route` label of requests that no route matched (404s, and requests refused before any route). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Names the route of a request that no Express route answers — the web app's static files are
 * `/*web` — for `http_request_duration_seconds`. Route templates and such fixed names only: never a path.
 */
export function labelRoute(res: Response, template: string): void {
  res.locals[ROUTE_LABEL] = template;
}

/**
 * `http_request_duration_seconds{method, route, status}`: mounted first, it observes every request
 * when its response closes (an SSE stream when the client leaves). `route` is the template of the
 * route that answered (`req.baseUrl + req.route.path`, e.g. `/api/deals/:id`), a name given with
 * `labelRoute`, or `unmatched` — never the path itself, which holds ids.
 */
export function httpMetrics(metrics: Pick<ThreadMetrics, 'httpRequestDuration'> = threadMetrics()): RequestHandler {
  const histogram = metrics.httpRequestDuration;
  return (req, res, next) => {
    const started = performance.now();
    res.once('close', () => {
      histogram.observe({ method: req.method, route: routeOf(req, res), status: res.statusCode }, (performance.now() - started) / 1000);
    });
    next();
  };
}

function routeOf(req: Request, res: Response): string {
  const labelled: unknown = res.locals[ROUTE_LABEL];
  if (typeof labelled === 'string') return labelled;
  const route: unknown = req.route;
  if (typeof route === 'object' && route !== null && 'path' in route) {
    const path = (route as { path: unknown }).path;
    if (typeof path === 'string') return req.baseUrl + path;
  }
  return UNMATCHED_ROUTE;
}
