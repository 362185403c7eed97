import { OPERATIONS, openApiDocument, openApiPathOf } from '@e-contract/command-side';
import { WEB_APP_CSP } from '@e-contract/platform/http';
import { startTestSystem, type TestSystem } from '../integration/api-test-kit.js';
import { NOT_API_ROUTES } from '../security/access-table.js';
import { registeredRoutes } from '../security/route-walk.js';
import { uncompilableSchemas } from './document-validator.js';
import { lintOpenApi } from './lint-openapi.js';

type Operations = Record<string, Record<string, { 'x-planned'?: boolean }>>;

/**
 * Issue 10, point 5: the document and the server agree on what is served. Every route of the running
 * system (`npm start`'s composition, embedded mode: the sandbox included) is in the document with its
 * method and its path written with `{param}`; every operation of the document that is not
 * `x-planned` is served; a planned one that a router now serves must lose its mark.
 */
describe('the OpenAPI document (GET /api/openapi.json)', () => {
  let system: TestSystem;
  let served: string[];
  const document = openApiDocument() as { paths: Operations; openapi: string };
  const described = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      planned: operation['x-planned'] === true,
    })),
  );

  beforeAll(async () => {
    system = await startTestSystem();
    served = registeredRoutes(system.running.app)
      .filter((route) => !NOT_API_ROUTES.includes(route))
      .map((route) => {
        const [method, path] = route.split(' ');
        return `${method} ${openApiPathOf(path ?? '')}`;
      });
  }, 30_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('is valid OpenAPI 3.1, its references resolved', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(await lintOpenApi(document)).toEqual([]);
  });

  it('has schemas that compile as JSON Schema 2020-12 under Ajv strict mode (formats asserted)', () => {
    expect(uncompilableSchemas()).toEqual([]);
  });

  it('describes every route the system serves, with its method and its path written with {param}', () => {
    expect(served.length).toBeGreaterThan(30);
    const names = new Set(described.map((operation) => operation.route));
    expect(served.filter((route) => !names.has(route)))
      .withContext('served, not in the document')
      .toEqual([]);
  });

  it('serves every operation that is not x-planned, and none that is', () => {
    const routes = new Set(served);
    expect(described.filter((operation) => !operation.planned && !routes.has(operation.route)).map((operation) => operation.route))
      .withContext('in the document, not served (mark it x-planned, or serve it)')
      .toEqual([]);
    expect(described.filter((operation) => operation.planned && routes.has(operation.route)).map((operation) => operation.route))
      .withContext('served now: remove planned: true from its row in command-side/src/openapi/operations.ts')
      .toEqual([]);
  });

  it('names each operation once, with a unique operationId', () => {
    const ids = OPERATIONS.map((operation) => operation.operationId);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('is served without a token, the document itself', async () => {
    const answer = await system.call('GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('has a page at /api/docs that loads its renderer from this origin and runs under the web app CSP (no inline script)', async () => {
    const page = await system.call('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(WEB_APP_CSP);
    const html = String(page.body);
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(attributes).toMatch(/src="\/api\/docs\//);
      expect(inline?.trim()).toBe('');
    }
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ['/api/docs/swagger-ui-bundle.js', '/api/docs/docs-init.js', '/api/docs/swagger-ui.css']) {
      const answer = await fetch(`${system.running.url}${asset}`);
      expect(answer.status).withContext(asset).toBe(200);
    }
    const init = await (await fetch(`${system.running.url}/api/docs/docs-init.js`)).text();
    expect(init).toContain("'/api/openapi.json'");
    // The package's own initializer (the petstore) and its other files are not served.
    expect((await fetch(`${system.running.url}/api/docs/swagger-initializer.js`)).status).toBe(404);
    expect((await fetch(`${system.running.url}/api/docs/index.html`)).status).toBe(404);
  });
});
