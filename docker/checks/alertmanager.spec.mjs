/**
 * Alertmanager's configuration held by Debian's amtool: it is valid, every alert severity of the
 * rules reaches a receiver, and no secret is written in it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { dockerPath, runTool } from './support/tools.mjs';

const CONFIG = dockerPath('alertmanager', 'alertmanager.yml');

describe('Alertmanager (docker/alertmanager/alertmanager.yml)', () => {
  it('amtool check-config passes', () => {
    const result = runTool('amtool', ['check-config', CONFIG]);
    expect(result.status).withContext(result.output).toBe(0);
    expect(result.output).toContain('SUCCESS');
  });

  it('routes critical alerts to on-call and warnings to the working-hours receiver', () => {
    const route = (labels) => runTool('amtool', ['config', 'routes', 'test', `--config.file=${CONFIG}`, ...labels]).stdout.trim();
    expect(route(['severity=critical', 'alertname=ServiceDown'])).toBe('on-call');
    expect(route(['severity=warning', 'alertname=CommandLatencyHigh'])).toBe('on-call-low');
  });

  it('has a route for every severity the alert rules use', () => {
    const rulesDir = dockerPath('prometheus', 'rules');
    const severities = new Set(
      readdirSync(rulesDir)
        .filter((file) => file.endsWith('.yml'))
        .flatMap((file) => parse(readFileSync(path.join(rulesDir, file), 'utf8')).groups.flatMap((group) => group.rules))
        .map((rule) => rule.labels?.severity)
        .filter(Boolean),
    );
    const config = parse(readFileSync(CONFIG, 'utf8'));
    const routed = new Set(
      config.route.routes.flatMap((route) => route.matchers).map((matcher) => /severity="([a-z]+)"/.exec(matcher)?.[1]),
    );
    for (const severity of severities) expect(routed.has(severity)).withContext(severity).toBeTrue();
  });

  it('reads the SMTP password from a file, never from the configuration', () => {
    const config = parse(readFileSync(CONFIG, 'utf8'));
    expect(config.global.smtp_auth_password).toBeUndefined();
    expect(config.global.smtp_auth_password_file).toBe('/run/secrets/alertmanager_smtp_password');
  });
});
