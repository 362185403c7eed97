import express from 'express';
import { startApp, type RunningApp } from '../testing/http-test-kit.js';
import { eventually } from '../testing/eventually.js';
import { parseMetricSamples } from '../testing/metric-samples.js';
import { httpMetrics, labelRoute } from './http-metrics.js';
import { createMetrics, type ThreadMetrics } from './thread-metrics.js';

const PROCESS_ID = '3f2c8a4e-9b1d-4c6e-8f00-5a7d2e9b1c44';

describe('http_request_duration_seconds', () => {
  let metrics: ThreadMetrics;
  let app: RunningApp;

  beforeEach(async () => {
    metrics = createMetrics();
    app = await startApp((server) => {
      server.use(httpMetrics(metrics));
      server.get('/api/deals/:id', (_req, res) => void res.json({}));
      const admin = express.Router();
      admin.post('/projections/:name/rebuild', (_req, res) => void res.status(202).json({}));
      server.use('/api/admin', admin);
      server.get('/api/refusing/:id', () => {
        throw new Error('boom');
      });
      server.use('/static', (_req, res) => {
        labelRoute(res, '/*web');
        res.send('file');
      });
    });
  });
  afterEach(() => app.close());

  const requests = async () =>
    parseMetricSamples(await metrics.registry.metrics()).filter((sample) => sample.name === 'http_request_duration_seconds_count');
  const observed = async (count: number) => {
    await eventually(async () => (await requests()).reduce((sum, sample) => sum + sample.value, 0) >= count, 2_000, `${count} requests`);
    return (await requests()).map(({ labels, value }): Record<string, string | number> => ({ ...labels, value }));
  };

  it('labels a request with its route template, never with the id in its path', async () => {
    await fetch(`${app.url}/api/deals/${PROCESS_ID}`);
    await fetch(`${app.url}/api/deals/${PROCESS_ID.replace('3f', '4f')}`);
    expect(await observed(2)).toEqual([{ method: 'GET', route: '/api/deals/:id', status: '200', value: 2 }]);
    expect(await metrics.registry.metrics()).not.toContain(PROCESS_ID);
  });

  it('joins the mount path of a router to its route (req.baseUrl + req.route.path)', async () => {
    await fetch(`${app.url}/api/admin/projections/deals/rebuild`, { method: 'POST' });
    expect(await observed(1)).toEqual([{ method: 'POST', route: '/api/admin/projections/:name/rebuild', status: '202', value: 1 }]);
  });

  it('keeps the template when the route fails, and calls what no route matched "unmatched"', async () => {
    await fetch(`${app.url}/api/refusing/${PROCESS_ID}`);
    await fetch(`${app.url}/api/nothing/${PROCESS_ID}`);
    expect(await observed(2)).toEqual(
      jasmine.arrayWithExactContents([
        { method: 'GET', route: '/api/refusing/:id', status: '500', value: 1 },
        { method: 'GET', route: 'unmatched', status: '404', value: 1 },
      ]),
    );
  });

  it('takes the name a handler that is no route gives itself', async () => {
    await fetch(`${app.url}/static/main-ABCDEFGH.js`);
    expect(await observed(1)).toEqual([{ method: 'GET', route: '/*web', status: '200', value: 1 }]);
  });
});
