import { threadMetrics } from '@e-contract/platform/metrics';
import { sampleValue, startApp, type RunningApp } from '@e-contract/platform/testing';
import { SignatureCodeRateLimited, SignatureCodeExpired } from '../signing/signing-errors.js';
import { countRateLimitRefusals } from './rate-limit-refusals.js';

describe('rate-limit refusals of the signing rules', () => {
  let app: RunningApp;
  beforeEach(async () => {
    app = await startApp((server) => {
      server.post('/codes/limited', () => {
        throw new SignatureCodeRateLimited(60);
      });
      server.post('/codes/expired', () => {
        throw new SignatureCodeExpired();
      });
      server.use(countRateLimitRefusals());
    });
  });
  afterEach(() => app.close());

  const refusals = async () =>
    sampleValue(await threadMetrics().registry.metrics(), 'econtract_rate_limit_refusals_total', { limiter: 'signature_code' }) ?? 0;

  it('counts a code refused by the hourly limit, passes every error on, and counts no other refusal', async () => {
    const before = await refusals();
    expect((await fetch(`${app.url}/codes/limited`, { method: 'POST' })).status).toBe(500); // the spec kit maps no domain error
    await fetch(`${app.url}/codes/expired`, { method: 'POST' });
    expect(await refusals()).toBe(before + 1);
  });
});
