import { RegistryUnavailable, type CompanyRegistry } from './company-registry.js';
import { createCompanyRoutes } from './company-routes.js';
import { FixtureCompanyRegistry } from './fixture-company-registry.js';
import { IP_KUZNETSOV, ROMASHKA, VEKTOR } from './registry-fixtures.js';
import { startSpecApp, type SpecHttpApp } from './spec-http-app.js';

describe('Registries: GET /api/companies/:inn', () => {
  let app: SpecHttpApp;
  let registry: CompanyRegistry;

  beforeAll(async () => {
    // Delegates to whatever `registry` the spec set, so one server serves every case.
    app = await startSpecApp((express) => express.use(createCompanyRoutes({ findByInn: (inn) => registry.findByInn(inn) })));
  });
  afterAll(() => app.close());
  beforeEach(() => {
    registry = new FixtureCompanyRegistry();
  });

  const get = (inn: string) => fetch(`${app.baseUrl}/api/companies/${inn}`);

  it('answers 200 with the registry record of a company and of a sole proprietor', async () => {
    const company = await get(ROMASHKA.inn);
    expect(company.status).toBe(200);
    expect(await company.json()).toEqual(ROMASHKA);
    expect(await (await get(IP_KUZNETSOV.inn)).json()).toEqual(IP_KUZNETSOV);
    const vektor = (await (await get(VEKTOR.inn)).json()) as { director: Record<string, unknown> };
    expect(vektor.director).toEqual({ fullName: VEKTOR.director.fullName });
  });

  it('answers 404 problem+json for a valid INN the registry does not know', async () => {
    const answer = await get('7707083893');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(((await answer.json()) as { type: string }).type).toBe('https://e-contract.dev/problems/not-found');
  });

  it('answers 400 naming the field inn for a bad check digit, a wrong length or letters', async () => {
    for (const bad of ['7709012345', '77090123', '770901234506', 'abcdefghij']) {
      const answer = await get(bad);
      expect(answer.status).withContext(bad).toBe(400);
      const problem = (await answer.json()) as { errors: { field: string }[] };
      expect(problem.errors.map((e) => e.field))
        .withContext(bad)
        .toEqual(['inn']);
    }
  });

  it('answers 503 when the registry is down, not 404', async () => {
    registry = { findByInn: () => Promise.reject(new RegistryUnavailable('dadata', 'HTTP 502')) };
    const answer = await get(ROMASHKA.inn);
    expect(answer.status).toBe(503);
    expect(((await answer.json()) as { type: string }).type).toBe('https://e-contract.dev/problems/registry-unavailable');
  });
});
