import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { frameAncestorsOf, readEmbedSession } from '@e-contract/platform/auth';
import type { EventStore } from '@e-contract/platform/event-store';
import { HttpProblem, WEB_APP_CSP } from '@e-contract/platform/http';
import { labelRoute } from '@e-contract/platform/metrics';
import { renderIdentifiedPage } from './identified-page.js';

/** The custom element's script (query-side/assets/embed, resolved from dist/embedding/ or src/embedding/). */
const ELEMENT_SCRIPT = fileURLToPath(new URL('../../assets/embed/e-contract-signing.js', import.meta.url));

export interface EmbedPageRoutesOptions {
  eventStore: Pick<EventStore, 'readStream'>;
  /** The Angular production build (its index.html is the embedded page). */
  webAppDir: string;
  clock?: () => Date;
  logger?: Logger;
}

/** The web app's policy with `frame-ancestors` set to `ancestors` (none: `'none'`). */
export const embedPagePolicy = (ancestors: readonly string[]): string =>
  WEB_APP_CSP.replace("frame-ancestors 'none'", `frame-ancestors ${ancestors.length > 0 ? ancestors.join(' ') : "'none'"}`);

/**
 * The embedded signing pages (API.md, "Integrations"):
 * - `GET /embed/sign/<token>`: the web app's page (its embedded route takes the token from the URL
 *   and opens the session), framable by the creating integration's `allowedOrigins` only; an
 *   unknown token gets the same page as 404, framable by nobody. The token is not used here: a
 *   prefetch or a link preview does not spend it.
 * - `GET /embed/identified`: where the identification window ends (the frame follows by itself).
 * - `GET /embed/e-contract-signing.js`: the custom element, loadable from any origin.
 */
export function createEmbedPageRoutes(options: EmbedPageRoutesOptions): Router {
  const clock = options.clock ?? (() => new Date());
  const indexFile = path.resolve(options.webAppDir, 'index.html');
  const router = express.Router();

  router.get('/embed/sign/:token', async (req, res) => {
    labelRoute(res, '/embed/sign/:token');
    if (!existsSync(indexFile)) throw new HttpProblem(503, 'web-app-missing', 'Service unavailable', 'The web app is not built here');
    const found = await readEmbedSession(options.eventStore, String(req.params['token']));
    const ancestors = found ? await frameAncestorsOf(options.eventStore, found.session, clock()) : [];
    res.removeHeader('X-Frame-Options');
    res.setHeader('Content-Security-Policy', embedPagePolicy(ancestors));
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(found ? 200 : 404)
      .type('html')
      .send(readFileSync(indexFile));
  });

  router.get('/embed/identified', (_req, res) => {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderIdentifiedPage(nonce));
  });

  const script = readFileSync(ELEMENT_SCRIPT);
  router.get('/embed/e-contract-signing.js', (_req, res) => {
    // Other systems' pages load it: not same-origin only (helmet's default for npm start).
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('text/javascript').send(script);
  });

  return router;
}
