import { threadMetrics } from '@e-contract/platform/metrics';
import { eventually, metricFamilies, parseMetricSamples, sampleValue } from '@e-contract/platform/testing';
import { factRecorded, latestCode, login, startTestSystem, untilCodeSent, type TestSystem } from './api-test-kit.js';

/** Every family API.md's Operations section and plan/issue9-metrics.md name, with its type. */
const FAMILIES: Record<string, string> = {
  process_cpu_user_seconds_total: 'counter',
  process_start_time_seconds: 'gauge',
  nodejs_heap_size_used_bytes: 'gauge',
  nodejs_eventloop_lag_seconds: 'gauge',
  http_request_duration_seconds: 'histogram',
  econtract_event_store_appends_total: 'counter',
  econtract_event_store_append_duration_seconds: 'histogram',
  econtract_event_store_commit_batch_size: 'histogram',
  econtract_event_store_concurrency_retries_total: 'counter',
  econtract_signing_facts_total: 'counter',
  econtract_projection_position: 'gauge',
  econtract_projection_lag_events: 'gauge',
  econtract_projection_lag_seconds: 'gauge',
  econtract_projection_events_applied_total: 'counter',
  econtract_projection_errors_total: 'counter',
  econtract_projection_rebuilds_total: 'counter',
  econtract_sse_connections: 'gauge',
  econtract_notifications_total: 'counter',
  econtract_rate_limit_refusals_total: 'counter',
  econtract_data_dir_free_bytes: 'gauge',
  econtract_data_dir_size_bytes: 'gauge',
  econtract_build_info: 'gauge',
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PHONE = /\+?\d[\d\s()-]{9,}\d/;

describe('integration: GET /metrics of npm start', () => {
  let system: TestSystem | undefined;
  const start = async (env: Record<string, string> = {}) => {
    // The request thread's registry is this process's: start it from zero, as a fresh `npm start` does.
    threadMetrics().registry.resetMetrics();
    system = await startTestSystem(env);
    return system;
  };
  afterEach(async () => {
    await system?.stop();
    system = undefined;
  });

  const scrape = async () => {
    const answer = await system!.call('GET', '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    return answer.body as string;
  };

  it('after a signing walk, shows every metric of both threads once, the facts counted and the read models caught up, and no id', async () => {
    const system = await start();
    const manager = await login(system, 'manager');
    const { processId, signerToken } = await untilCodeSent(system, manager);
    const signed = await system.call('POST', `/api/signing-processes/${processId}/signature`, {
      token: signerToken,
      json: { code: await latestCode(system) },
    });
    expect(signed.status).toBe(200);
    await factRecorded(system, processId, 'DocumentsArchived');
    // The read models and reactors catch up with the archive fact in the background thread.
    await eventually(
      async () => sampleValue(await scrape(), 'econtract_projection_lag_events', { name: 'deals' }) === 0,
      5_000,
      'deals to catch up',
    );
    await eventually(
      async () => sampleValue(await scrape(), 'econtract_projection_lag_events', { name: 'archive' }) === 0,
      5_000,
      'archive to catch up',
    );

    const text = await scrape();
    const families = metricFamilies(text); // throws on a family declared twice
    for (const [name, type] of Object.entries(FAMILIES)) expect(families.get(name)).withContext(name).toBe(type);

    // Facts by type: the request thread appended these, the background thread's reactors the invitation and the archive.
    const facts = (type: string) => sampleValue(text, 'econtract_signing_facts_total', { type });
    expect(facts('DocumentsSigned')).toBe(1);
    expect(text).toContain('econtract_signing_facts_total{type="DocumentsSigned"} 1\n');
    expect(facts('SigningProcessCreated')).toBe(1);
    expect(facts('SignatureCodeIssued')).toBe(1);
    expect(facts('SignerInvited')).toBe(1);
    expect(facts('DocumentsArchived')).toBe(1);

    // The read models and the reactors, by the names /api/admin/projections uses.
    const head = Number(await system.running.eventStore.headPosition());
    for (const name of ['deals', 'audit_trail', 'cabinet', 'stats', 'invitations', 'archive']) {
      expect(sampleValue(text, 'econtract_projection_position', { name }))
        .withContext(name)
        .toBeGreaterThan(0);
      expect(sampleValue(text, 'econtract_projection_position', { name }))
        .withContext(name)
        .toBeLessThanOrEqual(head);
      expect(sampleValue(text, 'econtract_projection_errors_total', { name }))
        .withContext(name)
        .toBe(0);
    }
    expect(sampleValue(text, 'econtract_projection_lag_seconds', { name: 'deals' })).toBe(0);
    expect(sampleValue(text, 'econtract_projection_events_applied_total', { name: 'deals' })).toBeGreaterThanOrEqual(8);

    // Requests by route template; appends of both threads added up; messages by channel and kind.
    expect(sampleValue(text, 'http_request_duration_seconds_count', { route: '/api/signing-processes/:id/signature', status: '200' })).toBe(
      1,
    );
    expect(sampleValue(text, 'econtract_event_store_appends_total', { result: 'ok' })).toBeGreaterThanOrEqual(8);
    expect(sampleValue(text, 'econtract_event_store_commit_batch_size_count')).toBeGreaterThan(0);
    expect(sampleValue(text, 'econtract_notifications_total', { channel: 'sms', kind: 'invitation', result: 'sent' })).toBe(1);
    expect(sampleValue(text, 'econtract_notifications_total', { channel: 'sms', kind: 'signature_code', result: 'sent' })).toBe(1);
    expect(sampleValue(text, 'econtract_data_dir_free_bytes')).toBeGreaterThan(0);
    expect(sampleValue(text, 'econtract_data_dir_size_bytes')).toBeGreaterThanOrEqual(sampleValue(text, 'econtract_data_dir_free_bytes')!);
    expect(sampleValue(text, 'econtract_build_info', { service: 'all-in-one' })).toBe(1);
    expect(sampleValue(text, 'process_start_time_seconds')).toBeGreaterThan(0);

    // No label value holds an id or a phone.
    expect(text).not.toContain(processId);
    for (const sample of parseMetricSamples(text))
      for (const value of Object.values(sample.labels)) {
        expect(value).withContext(`${sample.name} ${value}`).not.toMatch(UUID);
        expect(value).withContext(`${sample.name} ${value}`).not.toMatch(PHONE);
      }
  });

  it('refuses a caller that the configuration does not allow, with the 404 of a missing path', async () => {
    const system = await start({ TRUST_PROXY: 'loopback', METRICS_TOKEN: 'scrape-token-0123456789abcdef' });
    const remote = { 'x-forwarded-for': '203.0.113.7' };
    const refused = await system.call('GET', '/metrics', { headers: remote });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const withToken = await system.call('GET', '/metrics', {
      headers: { ...remote, authorization: 'Bearer scrape-token-0123456789abcdef' },
    });
    expect(withToken.status).toBe(200);
  });
});
