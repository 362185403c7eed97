import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { DOCS_INIT_JS, DOCS_PAGE_HTML } from './docs-page.js';
import { openApiDocument } from './openapi-document.js';

/** The files of swagger-ui-dist the page loads; nothing else of the package is served (not its petstore initializer). */
const SWAGGER_UI_FILES = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js', '/favicon-32x32.png', '/favicon-16x16.png']);

const swaggerUiDir = (): string => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/**
 * API.md, "API description": `GET /api/openapi.json` (the OpenAPI 3.1 document, no token) and
 * `GET /api/docs` (a page to read and try it). Mounted by the command side's router, so the split
 * gateway, which sends unknown /api/ paths to the command side, serves them too.
 */
export function createOpenApiRoutes(): Router {
  const router = Router();
  const document = JSON.stringify(openApiDocument());

  router.get('/api/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('application/json').send(document);
  });
  router.get('/api/docs', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('html').send(DOCS_PAGE_HTML);
  });

  // The page's assets: middleware, not routes (the route walk lists the API, not its files).
  const assets = express.static(swaggerUiDir(), { index: false, fallthrough: true, maxAge: '1d' });
  const docsAssets: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/docs-init.js') {
      res.set('Cache-Control', 'no-cache').type('text/javascript').send(DOCS_INIT_JS);
      return;
    }
    if (!SWAGGER_UI_FILES.has(req.path)) return next();
    assets(req, res, next);
  };
  router.use('/api/docs', docsAssets);
  return router;
}
