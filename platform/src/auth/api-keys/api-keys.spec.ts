import { randomUUID } from 'node:crypto';
import { apiKeyUsageStreamName, integrationStreamName, type IntegrationCreatedData } from '@e-contract/contracts';
import { appendChained } from '../../event-store/chained-append.js';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store.js';
import { HttpProblem } from '../../http/problem.js';
import { apiKeyMatches, integrationIdOfApiKey, keyPrefixOf, newApiKey } from './api-key.js';
import { ApiKeyUsageLog } from './api-key-usage.js';
import { ApiKeyVerifier, withApiKeys } from './api-key-verifier.js';
import { KeyRateLimiter } from './key-rate-limiter.js';

const T0 = new Date('2026-11-25T08:00:00.000Z');

async function refusalOf(verification: Promise<unknown>): Promise<HttpProblem> {
  const error: unknown = await verification.then(
    () => undefined,
    (refusal: unknown) => refusal,
  );
  if (!(error instanceof HttpProblem)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('API keys: the format', () => {
  const integrationId = randomUUID();

  it('is ec_, the integration id in hex, and 43 characters of a 256-bit secret; only the SHA-256 is kept', () => {
    const { apiKey, keySha256, keyPrefix } = newApiKey(integrationId);
    expect(apiKey).toMatch(/^ec_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(integrationIdOfApiKey(apiKey)).toBe(integrationId);
    expect(keySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(keySha256).not.toContain(apiKey.slice(36));
    expect(keyPrefix).toBe(keyPrefixOf(integrationId));
    expect(apiKey.startsWith(keyPrefix)).toBeTrue();
    expect(newApiKey(integrationId).apiKey).not.toBe(apiKey);
  });

  it('matches its own hash only', () => {
    const { apiKey, keySha256 } = newApiKey(integrationId);
    expect(apiKeyMatches(apiKey, keySha256)).toBeTrue();
    const otherLast = apiKey.endsWith('A') ? 'B' : 'A'; // another key, whatever its last character was
    expect(apiKeyMatches(`${apiKey.slice(0, -1)}${otherLast}`, keySha256)).toBeFalse();
    expect(apiKeyMatches(apiKey, 'not hex')).toBeFalse();
  });

  it('names no integration when malformed', () => {
    const { apiKey } = newApiKey(integrationId);
    for (const token of [apiKey.toUpperCase(), `${apiKey}x`, apiKey.slice(0, -1), 'ec_', 'eyJhbGciOiJIUzI1NiJ9.e30.x']) {
      expect(integrationIdOfApiKey(token)).withContext(token).toBeNull();
    }
  });
});

describe('API keys: the rate limit per key', () => {
  it('lets 600 requests a minute through, then says how long to wait, and opens a new minute', () => {
    let now = 0;
    const limiter = new KeyRateLimiter({ limit: 600, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 600; i += 1) expect(limiter.take('a')).toBeNull();
    expect(limiter.take('b')).toBeNull();
    now = 20_500;
    expect(limiter.take('a')).toBe(40);
    now = 59_999;
    expect(limiter.take('a')).toBe(1);
    now = 60_000;
    expect(limiter.take('a')).toBeNull();
  });
});

describe('API keys: ApiKeyVerifier over the event store', () => {
  let store: SqliteEventStore;
  let now: Date;
  const clock = () => now;

  const record = (streamId: string, type: string, data: unknown) =>
    appendChained(store, streamId, {
      decide: () => ({
        append: [
          {
            type,
            data,
            context: {
              actor: { id: 'admin-1', role: 'admin' as const },
              occurredAt: now.toISOString(),
              ip: null,
              userAgent: null,
              correlationId: null,
              causationId: null,
            },
          },
        ],
        outcome: () => undefined,
      }),
    });

  async function integration(patch: Partial<IntegrationCreatedData> = {}) {
    const integrationId = randomUUID();
    const key = newApiKey(integrationId);
    const data: IntegrationCreatedData = {
      integrationId,
      name: 'CRM «Продажи»',
      branchId: 'msk',
      allowedOrigins: [],
      keySha256: key.keySha256,
      keyPrefix: key.keyPrefix,
      expiresAt: null,
      ...patch,
    };
    await record(integrationStreamName(integrationId), 'IntegrationCreated', data);
    return { integrationId, apiKey: key.apiKey };
  }

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    now = T0;
  });
  afterEach(() => store.close());

  it('authenticates a key as its integration: a manager of its branch, acting as integration:<id>', async () => {
    const { integrationId, apiKey } = await integration();
    expect(await new ApiKeyVerifier(store, { clock }).verify(apiKey)).toEqual({
      id: `integration:${integrationId}`,
      name: 'CRM «Продажи»',
      role: 'integration',
      branchId: 'msk',
      integrationId,
    });
  });

  it('refuses a key with another secret, an unknown integration and a malformed key alike (401)', async () => {
    const { apiKey } = await integration();
    const verifier = new ApiKeyVerifier(store, { clock });
    for (const token of [`${apiKey.slice(0, -2)}xx`, newApiKey(randomUUID()).apiKey, 'ec_nonsense']) {
      const refusal = await refusalOf(verifier.verify(token));
      expect([refusal.status, refusal.slug, refusal.detail]).toEqual([401, 'unauthorized', 'The API key is invalid, revoked or expired']);
    }
  });

  it('refuses a revoked key from the next request on, in another verifier (another process) too', async () => {
    const { integrationId, apiKey } = await integration();
    const here = new ApiKeyVerifier(store, { clock });
    const there = new ApiKeyVerifier(store, { clock });
    await here.verify(apiKey);
    await there.verify(apiKey);
    await record(integrationStreamName(integrationId), 'IntegrationRevoked', { integrationId });
    expect((await refusalOf(here.verify(apiKey))).status).toBe(401);
    expect((await refusalOf(there.verify(apiKey))).status).toBe(401);
  });

  it('refuses a key from its expiry on', async () => {
    const { apiKey } = await integration({ expiresAt: new Date(T0.getTime() + 60_000).toISOString() });
    const verifier = new ApiKeyVerifier(store, { clock });
    now = new Date(T0.getTime() + 59_999);
    expect((await verifier.verify(apiKey)).role).toBe('integration');
    now = new Date(T0.getTime() + 60_000);
    expect((await refusalOf(verifier.verify(apiKey))).status).toBe(401);
  });

  it('answers 429 with Retry-After past the limit of the key, and other keys go on', async () => {
    const first = await integration();
    const second = await integration();
    const verifier = new ApiKeyVerifier(store, { clock, limiter: new KeyRateLimiter({ limit: 3, windowMs: 60_000 }, () => now.getTime()) });
    for (let i = 0; i < 3; i += 1) await verifier.verify(first.apiKey);
    const refusal = await refusalOf(verifier.verify(first.apiKey));
    expect([refusal.status, refusal.slug, refusal.headers['Retry-After'], refusal.extensions['retryAfter']]).toEqual([
      429,
      'rate-limited',
      '60',
      60,
    ]);
    expect((await verifier.verify(second.apiKey)).integrationId).toBe(second.integrationId);
  });

  it('records a use at most once per interval per key, whichever process sees it', async () => {
    const { integrationId, apiKey } = await integration();
    const usage = (verifier: ApiKeyVerifier) => verifier.verify(apiKey);
    const here = new ApiKeyVerifier(store, { clock });
    const there = new ApiKeyVerifier(store, { clock });
    const log = new ApiKeyUsageLog(store);
    expect(await log.lastUsedAt(integrationId)).toBeNull();
    await usage(here);
    now = new Date(T0.getTime() + 60_000);
    await Promise.all([usage(here), usage(there), usage(there)]);
    expect((await store.readStream(apiKeyUsageStreamName(integrationId))).length).toBe(1);
    expect(await log.lastUsedAt(integrationId)).toBe(T0.toISOString());
    now = new Date(T0.getTime() + 5 * 60_000);
    await Promise.all([usage(here), usage(there)]);
    const uses = await store.readStream(apiKeyUsageStreamName(integrationId));
    expect(uses.map((event) => [event.type, event.metadata.actor])).toEqual([
      ['IntegrationUsed', { id: `integration:${integrationId}`, role: 'integration' }],
      ['IntegrationUsed', { id: `integration:${integrationId}`, role: 'integration' }],
    ]);
    expect(await log.lastUsedAt(integrationId)).toBe(now.toISOString());
  });

  it('answers the request even when the use cannot be recorded', async () => {
    const { apiKey } = await integration();
    const failing = { readStream: store.readStream.bind(store), appendToStream: () => Promise.reject(new Error('disk full')) };
    const verifier = new ApiKeyVerifier(failing, { clock, logger: { warn: () => undefined } });
    expect((await verifier.verify(apiKey)).role).toBe('integration');
  });

  it('sends ec_… to the API keys and any other token to the session tokens', async () => {
    const { apiKey } = await integration();
    const sessions = { verify: () => Promise.resolve({ id: 'm1', name: 'Мария', role: 'manager' as const, branchId: 'msk' }) };
    const verifier = withApiKeys(sessions, new ApiKeyVerifier(store, { clock }));
    expect((await verifier.verify(apiKey)).role).toBe('integration');
    expect((await verifier.verify('eyJhbGciOiJIUzI1NiJ9.e30.x')).role).toBe('manager');
  });
});
