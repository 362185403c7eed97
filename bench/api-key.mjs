// What authenticating an API key costs (platform's ApiKeyVerifier): each request reads the
// integration's stream (`integration-<id>`, one or two events) from the event store, so that a
// revocation counts at once in every process. Measured beside verifying an employee's JWT (the
// TokenService every request already pays), on a file-based SqliteEventStore (WAL) whose log
// already holds `EVENTS` other events, as a production log would.
//
//   npm run build --workspace platform && node bench/api-key.mjs [requests] [events]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyVerifier, KeyRateLimiter, TokenService, newApiKey } from '@e-contract/platform/auth';
import { appendChained } from '@e-contract/platform/event-store';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';

const REQUESTS = Number(process.argv[2] ?? 20_000);
const EVENTS = Number(process.argv[3] ?? 100_000);

const context = {
  actor: { id: 'admin-1', role: 'admin' },
  occurredAt: new Date().toISOString(),
  ip: null,
  userAgent: null,
  correlationId: null,
  causationId: null,
};
const fact = (type, data) => ({ append: [{ type, data, context }], outcome: () => undefined });

async function timed(label, verify) {
  for (let i = 0; i < 500; i += 1) await verify(); // warm-up
  const samples = new Float64Array(REQUESTS);
  const started = process.hrtime.bigint();
  for (let i = 0; i < REQUESTS; i += 1) {
    const t = process.hrtime.bigint();
    await verify();
    samples[i] = Number(process.hrtime.bigint() - t) / 1e3;
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  samples.sort();
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
  return { what: label, 'median µs': at(0.5), 'p99 µs': at(0.99), 'per second': Math.round(REQUESTS / (totalMs / 1000)) };
}

const folder = mkdtempSync(join(tmpdir(), 'e-contract-bench-api-key-'));
const store = new SqliteEventStore(join(folder, 'events.sqlite'));
try {
  // A log with other streams in it: the read goes through the stream index, not a scan.
  for (let done = 0; done < EVENTS; done += 1000) {
    await Promise.all(
      Array.from({ length: 1000 }, () =>
        appendChained(store, `signing-${randomUUID()}`, { decide: () => fact('SigningCancelled', { reason: 'bench' }) }),
      ),
    );
  }
  const integrationId = randomUUID();
  const key = newApiKey(integrationId);
  // contracts' integrationStreamName (bench depends on platform only).
  await appendChained(store, `integration-${integrationId}`, {
    decide: () =>
      fact('IntegrationCreated', {
        integrationId,
        name: 'CRM',
        branchId: 'msk',
        allowedOrigins: [],
        keySha256: key.keySha256,
        keyPrefix: key.keyPrefix,
        expiresAt: null,
      }),
  });
  const verifier = new ApiKeyVerifier(store, { limiter: new KeyRateLimiter({ limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 }) });
  const sessions = new TokenService({ secret: 'a-bench-secret-of-at-least-32-characters' });
  const jwt = await sessions.issueEmployeeToken({ id: randomUUID(), name: 'Мария Соколова', role: 'manager', branchId: 'msk' });

  const rows = [
    await timed('API key (read integration-<id>, fold, SHA-256, compare)', () => verifier.verify(key.apiKey)),
    await timed('employee JWT (HS256)', () => sessions.verify(jwt)),
  ];
  console.log(`${REQUESTS} verifications, one at a time, a log of ${EVENTS} other events, SQLite WAL in ${tmpdir()}`);
  console.table(rows);
} finally {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
}
