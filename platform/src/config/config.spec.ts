import { ConfigError, loadConfig } from './config.js';

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
  it('reads TRUST_PROXY as Express takes it', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({}).trustProxy).toBeFalse();
  });
});
