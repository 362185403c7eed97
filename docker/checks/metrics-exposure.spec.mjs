/**
 * The dashboard and the alerts name metrics; this holds those names against a running system:
 * `npm start`'s all-in-one process (the build of this repository) on a free port with a temporary
 * DATA_DIR, asked for GET /metrics from loopback. Every metric family the dashboard's Prometheus
 * queries and the alert rules read must be there, with the type the catalogue says.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { dashboardQueries } from './support/dashboard.mjs';
import { DEFAULT_METRICS, SERVICE_METRICS, familyOf, metricNamesIn } from './support/metric-catalogue.mjs';
import { dockerPath, freePort, repoPath, startProcess, temporaryDir, waitFor } from './support/tools.mjs';

const ALL_IN_ONE = repoPath('host', 'dist', 'all-in-one.js');
const CATALOGUE = { ...SERVICE_METRICS, ...DEFAULT_METRICS };

/** The service metric families the dashboard's Prometheus queries and the alert rules name. */
function familiesInUse() {
  const families = new Set();
  const add = (expr) => {
    for (const name of metricNamesIn(expr)) {
      const family = familyOf(name, CATALOGUE);
      if (family) families.add(family);
    }
  };
  for (const query of dashboardQueries()) if (query.datasource === 'prometheus') add(query.expr);
  const rulesDir = dockerPath('prometheus', 'rules');
  for (const file of readdirSync(rulesDir).filter((name) => name.endsWith('.yml')))
    for (const group of parse(readFileSync(path.join(rulesDir, file), 'utf8')).groups) for (const rule of group.rules) add(rule.expr);
  return [...families].sort();
}

describe('the metrics the dashboard and the alerts name, on GET /metrics of the running system', () => {
  let system, dataDir, cleanUp, base;

  beforeAll(async () => {
    ({ dir: dataDir, cleanUp } = temporaryDir('metrics-exposure-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    system = startProcess(process.execPath, [ALL_IN_ONE], {
      cwd: repoPath(),
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO_PASSWORD: 'metrics-check-password',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'development',
      },
    });
    await waitFor(
      `the all-in-one system's /api/health on ${base}`,
      async () => {
        if (system.child.exitCode !== null) throw new Error(`it exited: ${system.output()}`);
        const response = await fetch(`${base}/api/health`);
        return response.status === 200;
      },
      60_000,
    );
  }, 90_000);

  afterAll(async () => {
    await system?.stop();
    cleanUp?.();
  }, 30_000);

  it('serves every family in use, with its type', async () => {
    const response = await fetch(`${base}/metrics`, { headers: { Accept: 'text/plain' } });
    const contentType = response.headers.get('content-type') ?? '';
    if (response.status !== 200 || !contentType.startsWith('text/plain')) {
      fail(
        `GET /metrics from loopback answered ${response.status} ${contentType}, not the Prometheus text format: the services do not serve their metrics (issue 9, point 1)`,
      );
      return;
    }
    const text = await response.text();
    const types = Object.fromEntries([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1], match[2]]));
    const inUse = familiesInUse();
    expect(inUse.length).toBeGreaterThan(15);
    for (const family of inUse) {
      expect(types[family]).withContext(`${family} is not on /metrics`).toBeDefined();
      if (types[family]) expect(types[family]).withContext(family).toBe(CATALOGUE[family]);
    }
  });
});
