/**
 * The Grafana dashboard and its provisioning: valid JSON, panels that can be told apart, data
 * sources that the provisioning defines, and Prometheus queries that name only metrics the
 * services expose (metrics-exposure.spec.mjs holds those against a running system).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { dashboardQueries } from './support/dashboard.mjs';
import { DEFAULT_METRICS, PROMETHEUS_SERIES, SERVICE_METRICS, familyOf, metricNamesIn } from './support/metric-catalogue.mjs';
import { dockerPath } from './support/tools.mjs';

const DASHBOARDS_DIR = dockerPath('grafana', 'dashboards');

describe('Grafana (docker/grafana)', () => {
  it('provisions a Prometheus and a Loki data source with fixed uids, and the dashboards folder', () => {
    const datasources = parse(readFileSync(dockerPath('grafana', 'provisioning', 'datasources', 'datasources.yml'), 'utf8')).datasources;
    expect(datasources.map((source) => [source.uid, source.type, source.url])).toEqual([
      ['prometheus', 'prometheus', 'http://prometheus:9090'],
      ['loki', 'loki', 'http://loki:3100'],
    ]);
    const providers = parse(readFileSync(dockerPath('grafana', 'provisioning', 'dashboards', 'dashboards.yml'), 'utf8')).providers;
    expect(providers[0].options.path).toBe('/var/lib/grafana/dashboards');
    const compose = readFileSync(dockerPath('compose.yaml'), 'utf8');
    expect(compose).toContain('./grafana/dashboards:/var/lib/grafana/dashboards:ro');
  });

  it('every dashboard file is valid JSON with a uid, unique panel ids and a title on every panel', () => {
    for (const file of readdirSync(DASHBOARDS_DIR).filter((name) => name.endsWith('.json'))) {
      const dashboard = JSON.parse(readFileSync(path.join(DASHBOARDS_DIR, file), 'utf8'));
      expect(dashboard.uid)
        .withContext(file)
        .toMatch(/^[a-z0-9-]+$/);
      const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
      const ids = panels.map((panel) => panel.id);
      expect(new Set(ids).size).withContext(file).toBe(ids.length);
      for (const panel of panels) expect(panel.title).withContext(`${file} panel ${panel.id}`).toBeTruthy();
    }
  });

  it('shows what issue 9 asks for', () => {
    const exprs = dashboardQueries()
      .map((query) => query.expr)
      .join('\n');
    for (const metric of [
      'http_request_duration_seconds_count', // request rate and 5xx by route
      'http_request_duration_seconds_bucket', // latency by route
      'econtract_event_store_appends_total', // appends
      'econtract_event_store_commit_batch_size_bucket', // batch sizes
      'econtract_projection_lag_seconds', // projection lag per read model
      'econtract_sse_connections', // SSE connections
      'econtract_signing_facts_total', // signing facts by type
      'econtract_notifications_total', // notifications by channel and result
      'econtract_rate_limit_refusals_total', // rate-limit refusals
      'econtract_data_dir_free_bytes', // disk
    ])
      expect(exprs).withContext(metric).toContain(metric);
  });

  it('queries only the provisioned data sources, and Prometheus only for metrics the services expose', () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(20);
    for (const query of queries) {
      expect(['prometheus', 'loki']).withContext(query.panel).toContain(query.datasource);
      if (query.datasource !== 'prometheus') continue;
      const names = metricNamesIn(query.expr);
      expect(names.length).withContext(`${query.panel}: ${query.expr}`).toBeGreaterThan(0);
      for (const name of names) {
        const known = familyOf(name, { ...SERVICE_METRICS, ...DEFAULT_METRICS }) !== null || PROMETHEUS_SERIES.includes(name);
        expect(known).withContext(`${query.panel}: ${name} is not a metric the services expose`).toBeTrue();
      }
    }
  });
});
