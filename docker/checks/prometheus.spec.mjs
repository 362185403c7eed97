/**
 * Prometheus's files held by Debian's promtool: the configuration, the alert rules and their unit
 * tests; and what the alerts promise (issue 9's list, a Russian summary, a runbook that exists in
 * docs/operations.md, only metrics the services expose).
 */
import { copyFileSync, cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { EVENTSTORE_METRICS, PROMETHEUS_SERIES, SERVICE_METRICS, familyOf, metricNamesIn } from './support/metric-catalogue.mjs';
import { dockerPath, repoPath, runTool, temporaryDir } from './support/tools.mjs';

const PROMETHEUS_DIR = dockerPath('prometheus');
const RULE_FILES = readdirSync(path.join(PROMETHEUS_DIR, 'rules'))
  .filter((file) => file.endsWith('.yml'))
  .map((file) => path.join(PROMETHEUS_DIR, 'rules', file));
const TEST_FILES = readdirSync(path.join(PROMETHEUS_DIR, 'tests'))
  .filter((file) => file.endsWith('.yml'))
  .map((file) => path.join(PROMETHEUS_DIR, 'tests', file));
const rules = RULE_FILES.flatMap((file) => parse(readFileSync(file, 'utf8')).groups.flatMap((group) => group.rules));
const alerts = rules.filter((rule) => rule.alert);

/** Issue 9, point 6: what must page, and the alert that does. */
const REQUIRED_ALERTS = {
  'a service down': 'ServiceDown',
  '5xx above 1% for 5 minutes': 'HttpErrorRateHigh',
  'p99 of commands above 500 ms': 'CommandLatencyHigh',
  'projection lag above 30 s': 'ProjectionLagHigh',
  'a reactor erroring': 'ReactorErroring',
  'no code delivered for 10 minutes while codes are requested': 'SignatureCodesNotDelivered',
  "the event store's disk filling": 'EventStoreDiskFilling',
};

describe('Prometheus (docker/prometheus)', () => {
  it('promtool check config passes on prometheus.yml, its rule files included', () => {
    const syntax = runTool('promtool', ['check', 'config', '--syntax-only', path.join(PROMETHEUS_DIR, 'prometheus.yml')]);
    expect(syntax.status).withContext(syntax.output).toBe(0);

    // The full check also reads the files the config names: the compose secrets and the CA
    // certificate, absent here, are pointed at stand-ins in a copy of the folder.
    const { dir, cleanUp } = temporaryDir('prometheus-config-');
    try {
      cpSync(PROMETHEUS_DIR, dir, { recursive: true });
      const standIn = path.join(dir, 'stand-in');
      writeFileSync(standIn, 'stand-in-secret-0123456789\n');
      const config = readFileSync(path.join(dir, 'prometheus.yml'), 'utf8')
        .replaceAll(/\/run\/secrets\/[a-z_]+/g, standIn)
        .replaceAll('/certs/eventstore/ca.crt', standIn);
      writeFileSync(path.join(dir, 'prometheus.yml'), config);
      copyFileSync(path.join(dir, 'prometheus.yml'), path.join(dir, 'checked.yml'));
      const full = runTool('promtool', ['check', 'config', path.join(dir, 'checked.yml')]);
      expect(full.status).withContext(full.output).toBe(0);
      expect(full.output).toMatch(/SUCCESS: \d+ rules found/);
    } finally {
      cleanUp();
    }
  });

  it('keeps one scrape job per service with its targets in static_configs, never through the gateway', () => {
    const config = parse(readFileSync(path.join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8'));
    const jobs = Object.fromEntries(config.scrape_configs.map((job) => [job.job_name, job]));
    for (const name of ['command-side', 'query-side', 'background']) {
      expect(jobs[name]).withContext(name).toBeDefined();
      const targets = jobs[name].static_configs.flatMap((group) => group.targets);
      expect(targets.length).withContext(name).toBeGreaterThan(0);
      expect(targets.every((target) => !target.startsWith('gateway'))).toBeTrue();
      expect(jobs[name].metrics_path ?? '/metrics').toBe('/metrics');
      expect(jobs[name].authorization?.credentials_file).withContext(name).toBe('/run/secrets/metrics_token');
    }
    expect(config.rule_files).toEqual(['rules/*.yml']);
  });

  it('promtool check rules passes', () => {
    const result = runTool('promtool', ['check', 'rules', ...RULE_FILES]);
    expect(result.status).withContext(result.output).toBe(0);
  });

  it('promtool test rules passes', () => {
    const result = runTool('promtool', ['test', 'rules', ...TEST_FILES], { cwd: path.join(PROMETHEUS_DIR, 'tests') });
    expect(result.status).withContext(result.output).toBe(0);
    expect(result.output).toContain('SUCCESS');
  });

  it("has every alert of issue 9's list", () => {
    const names = alerts.map((alert) => alert.alert);
    for (const [what, alertName] of Object.entries(REQUIRED_ALERTS)) expect(names).withContext(what).toContain(alertName);
  });

  it('tests every alert firing once and staying quiet once', () => {
    const cases = TEST_FILES.flatMap((file) => parse(readFileSync(file, 'utf8')).tests.flatMap((test) => test.alert_rule_test ?? []));
    for (const { alert } of alerts) {
      const own = cases.filter((testCase) => testCase.alertname === alert);
      expect(own.some((testCase) => (testCase.exp_alerts ?? []).length > 0))
        .withContext(`${alert} fires in a test`)
        .toBeTrue();
      expect(own.some((testCase) => (testCase.exp_alerts ?? []).length === 0))
        .withContext(`${alert} stays quiet in a test`)
        .toBeTrue();
    }
  });

  it('gives each alert a severity, a Russian summary and a runbook that docs/operations.md has', () => {
    const operations = readFileSync(repoPath('docs', 'operations.md'), 'utf8');
    const anchors = new Set([...operations.matchAll(/^#{1,6} +(.+)$/gm)].map((match) => githubAnchor(match[1])));
    for (const alert of alerts) {
      expect(['critical', 'warning']).withContext(alert.alert).toContain(alert.labels?.severity);
      expect(alert.annotations?.summary)
        .withContext(alert.alert)
        .toMatch(/[А-Яа-яЁё]/);
      const runbook = alert.annotations?.runbook_url ?? '';
      expect(runbook)
        .withContext(alert.alert)
        .toMatch(/^docs\/operations\.md#[a-z0-9-]+$/);
      expect(anchors.has(runbook.split('#')[1]))
        .withContext(`${alert.alert}: docs/operations.md has no heading for ${runbook}`)
        .toBeTrue();
    }
  });

  it('names only metrics the services expose (and up, and EventStoreDB’s own disk metric)', () => {
    for (const rule of rules) {
      for (const name of metricNamesIn(rule.expr)) {
        const known = familyOf(name, SERVICE_METRICS) !== null || PROMETHEUS_SERIES.includes(name) || EVENTSTORE_METRICS.includes(name);
        expect(known)
          .withContext(`${rule.alert ?? rule.record}: ${name}`)
          .toBeTrue();
      }
    }
  });
});

/** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
function githubAnchor(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
