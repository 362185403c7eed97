import { ConfigError, DEMO_ORGANIZATION_NAME, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toEqual(
      jasmine.objectContaining({
        production: false,
        port: 8080,
        host: '127.0.0.1',
        publicUrl: 'http://127.0.0.1:8080',
        eventStoreUrl: null,
        mongodbUrl: null,
      }),
    );
    expect(config.dataDir).toMatch(/\/data$/);
  });
  it('derives PUBLIC_URL from PORT and drops a trailing slash of a given one', () => {
    expect(loadConfig({ PORT: '9000' }).publicUrl).toBe('http://127.0.0.1:9000');
    expect(loadConfig({ PUBLIC_URL: 'https://sign.example.ru/' }).publicUrl).toBe('https://sign.example.ru');
  });
  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', EVENTSTORE_URL: 'http://x', MONGODB_URL: 'postgres://y' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.length).toBe(3);
  });
  it('requires the production integrations and refuses DEMO_PASSWORD in production', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', DEMO_PASSWORD: 'x' });
    } catch (thrown) {
      error = thrown;
    }
    const text = (error as ConfigError).problems.join('\n');
    for (const name of [
      'EVENTSTORE_URL',
      'OIDC_ISSUER',
      'IDENTIFICATION_URL',
      'DADATA_API_KEY',
      'SMS_GATEWAY_URL',
      'SMTP_URL',
      'MAIL_FROM',
      'DEMO_PASSWORD',
    ]) {
      expect(text).toContain(name);
    }
  });
  it('names the organisation from ORGANIZATION_NAME, or a demo name short enough for a two-segment SMS', () => {
    expect(loadConfig({ ORGANIZATION_NAME: '  ООО «Ромашка» ' }).organizationName).toBe('ООО «Ромашка»');
    expect(loadConfig({}).organizationName).toBe(DEMO_ORGANIZATION_NAME);
    expect(Array.from(DEMO_ORGANIZATION_NAME).length).toBeLessThanOrEqual(20);
  });
  it('reads TRUST_PROXY as Express takes it', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({}).trustProxy).toBeFalse();
  });
  it('reads who may scrape /metrics: METRICS_TOKEN and METRICS_ALLOW', () => {
    expect(loadConfig({})).toEqual(jasmine.objectContaining({ metricsToken: null, metricsAllow: [] }));
    const config = loadConfig({ METRICS_TOKEN: 'scrape-token-0123456789', METRICS_ALLOW: ' 10.1.2.3, 10.0.0.0/8,fd00::/8 ' });
    expect(config.metricsToken).toBe('scrape-token-0123456789');
    expect(config.metricsAllow).toEqual(['10.1.2.3/32', '10.0.0.0/8', 'fd00::/8']);
  });
  it('refuses a short or malformed METRICS_TOKEN and a bad METRICS_ALLOW entry, naming them but not the token', () => {
    let error: unknown;
    try {
      loadConfig({ METRICS_TOKEN: 'short secret', METRICS_ALLOW: '10.0.0.0/8, 10.0.0.0/33, prometheus.local' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.length).toBe(2);
    expect(problems[0]).toContain('METRICS_TOKEN');
    expect(problems[0]).not.toContain('short secret');
    expect(problems[1]).toContain('METRICS_ALLOW');
    expect(problems[1]).toContain('"10.0.0.0/33", "prometheus.local"');
  });
  it('reads the branch catalogue from BRANCHES, refusing anything but a list of {branchId, name} with each id once', () => {
    expect(loadConfig({}).branches).toBeNull();
    expect(loadConfig({ BRANCHES: '[{"branchId":" msk ","name":"Москва"},{"branchId":"spb","name":"Санкт-Петербург"}]' }).branches).toEqual(
      [
        { branchId: 'msk', name: 'Москва' },
        { branchId: 'spb', name: 'Санкт-Петербург' },
      ],
    );
    for (const bad of [
      'msk=Москва',
      '{"msk":"Москва"}',
      '[{"branchId":"msk"}]',
      '[{"branchId":"msk","name":"A"},{"branchId":"msk","name":"B"}]',
    ])
      expect(() => loadConfig({ BRANCHES: bad })).toThrowError(ConfigError, /BRANCHES must be a JSON array/);
  });
});
