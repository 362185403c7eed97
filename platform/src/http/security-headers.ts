import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of the web app: its own scripts only (plus the one inline handler of
 * the Angular build's index.html, by hash), its own styles, fonts, images, workers (pdf.js) and
 * API; no plugins; framed by nobody. The production gateway sends the same policy
 * (docker/gateway/nginx.conf; docker/checks/gateway.spec.mjs holds the two equal).
 */
export const WEB_APP_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-hashes' 'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' blob:; worker-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * Security headers on every answer of a process that serves browsers itself (`npm start`), as the
 * gateway adds them in production: `helmet` (nosniff, frame denial, referrer and cross-origin
 * policies, HSTS when the public origin is https) and the web app's CSP. A route that needs another
 * policy (the sandbox page, a document under `sandbox`) sets its own, which replaces this one.
 */
export function securityHeaders(options: { https: boolean }): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: false, // the app's policy below, as one string shared with the gateway
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: options.https ? { maxAge: 31_536_000 } : false,
      xFrameOptions: { action: 'deny' },
    }),
    (_req, res, next) => {
      res.setHeader('Content-Security-Policy', WEB_APP_CSP);
      res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
      next();
    },
  ];
}
