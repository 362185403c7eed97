import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { labelRoute } from '@e-contract/platform/metrics';

/** The build's content-hashed names (`main-57HYI3TI.js`, `media/pt-sans-…-26UNVWBW.woff2`): they never change. */
const HASHED_FILE = /-[A-Z0-9]{8,}\.[a-z0-9]+$/;
/** A last path segment with an extension names a file: when it is missing, 404 rather than the page. */
const FILE_NAME = /\/[^/]*\.[A-Za-z0-9]+$/;
/** Paths that belong to the API and the sandbox, never to the single-page app. */
const NOT_THE_APP = /^\/(api|sandbox)(\/|$)/;

/** The `route` label of the web app's files and pages in `http_request_duration_seconds`. */
export const WEB_APP_ROUTE = '/*web';

const LONG_CACHE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Serves the Angular production build (`web-angular/dist/web-angular/browser`) on the API's origin:
 * its files, hashed ones cached for a year and the rest (index.html, favicon) revalidated on every
 * use, and index.html for any other GET that asks for HTML (the app's own URLs: `/deals/…`,
 * `/sign/<token>`, …), except under `/api/` and `/sandbox/`. Mount it after the API routes. When
 * the build is absent, nothing is mounted and the API works alone.
 */
export function serveWebApp(app: express.Express | express.Router, browserDir: string): void {
  const indexFile = path.resolve(browserDir, 'index.html');
  if (!existsSync(indexFile)) return;

  const router = express.Router();
  // API and sandbox paths leave this router at once, so that no route of it stays on the request;
  // every file and page of the app is one route in the request metrics (its paths carry tokens and ids).
  router.use((req, res, next) => {
    if (NOT_THE_APP.test(req.path)) {
      next('router');
      return;
    }
    labelRoute(res, WEB_APP_ROUTE);
    next();
  });
  router.use(
    express.static(browserDir, {
      index: false,
      redirect: false,
      setHeaders: (res, filePath) => res.setHeader('Cache-Control', HASHED_FILE.test(path.basename(filePath)) ? LONG_CACHE : REVALIDATE),
    }),
  );

  router.get('/{*splat}', (req, res, next) => {
    if (FILE_NAME.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('Cache-Control', REVALIDATE);
    res.sendFile(indexFile);
  });
  app.use(router);
}
