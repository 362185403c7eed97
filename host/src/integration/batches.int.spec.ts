import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERASED_TEXT, signingStreamName } from '@e-contract/contracts';
import { withInnCheckDigits } from '@e-contract/contracts/validation';
import { createIntegration, invitationRecorded, login, requestBody, startTestSystem, uploadPdf, type TestSystem } from './api-test-kit.js';

/** A valid personal INN (12 digits, check digits right) for the n-th signer. */
const personalInn = (n: number): string => withInnCheckDigits(`77${String(100000 + n).padStart(8, '0')}`);

/** The n-th item: a GPH act for its own contractor. */
const item = (documentId: string, n: number, extra: Record<string, unknown> = {}) => ({
  ...requestBody(documentId, { inn: personalInn(n), phone: `+7900${String(1000000 + n).slice(-7)}` }),
  kind: 'act',
  title: `Акт № ${n}`,
  ...extra,
});

async function untilDone(system: TestSystem, token: string, batchId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await system.call('GET', `/api/batches/${batchId}`, { token });
    if (answer.status !== 200) throw new Error(`batch: ${answer.status} ${JSON.stringify(answer.body)}`);
    if (answer.body.done) return answer.body;
    if (Date.now() > deadline) throw new Error(`batch ${batchId} not done: ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('integration: many requests at once (POST /api/signing-processes/batch)', () => {
  let system: TestSystem;
  let managerToken: string;
  beforeEach(async () => {
    system = await startTestSystem();
    managerToken = await login(system, 'manager');
  });
  afterEach(() => system.stop());

  it('creates the good items, fails each bad one alone naming its fields, and the later of two equal externalIds with 409', async () => {
    const { documentId } = await uploadPdf(system, managerToken);
    const items = [
      item(documentId, 1, { externalId: 'act-1' }),
      item(documentId, 2, { signer: { type: 'individual', fullName: 'Один', inn: '123', phone: '+79001112233' } }),
      item(documentId, 3, { externalId: 'act-3' }),
      item(documentId, 4, { externalId: 'act-3' }),
      item(documentId, 5, { documents: [{ documentId: '00000000-0000-4000-8000-000000000000', title: 'Нет такого' }] }),
    ];
    const accepted = await system.call('POST', '/api/signing-processes/batch', { token: managerToken, json: { items } });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ batchId: jasmine.any(String), total: 5 });

    const status = await untilDone(system, managerToken, accepted.body.batchId);
    expect(status.total).toBe(5);
    expect(status.created).toBe(2);
    expect(status.processIds.length).toBe(2);
    expect(status.failed.map((f: { index: number }) => f.index)).toEqual([1, 3, 4]);
    const [badSigner, sameExternalId, unknownDocument] = status.failed;
    expect(badSigner.errors.map((e: { field: string }) => e.field)).toEqual(jasmine.arrayContaining(['signer.fullName', 'signer.inn']));
    expect(sameExternalId.status).toBe(409);
    expect(sameExternalId.errors[0].field).toBe('externalId');
    expect(sameExternalId.processId).toBe(status.processIds[1]);
    expect(unknownDocument.errors[0].field).toBe('documents[0].documentId');

    // Each created item is a process as if posted alone: its facts, its deal, its invitation.
    for (const processId of status.processIds) {
      const events = await system.running.eventStore.readStream(signingStreamName(processId));
      expect(events[0]?.type).toBe('SigningProcessCreated');
      expect(events[0]?.metadata.actor).toEqual({ id: jasmine.any(String), role: 'manager' });
    }
    // The deal appears once the read model has caught up (it may lag the batch by a moment).
    let found = await system.call('GET', '/api/deals?externalId=act-3', { token: managerToken });
    for (const deadline = Date.now() + 10_000; found.body.items?.length !== 1 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      found = await system.call('GET', '/api/deals?externalId=act-3', { token: managerToken });
    }
    expect(found.status).withContext(JSON.stringify(found.body)).toBe(200);
    expect(found.body.items.map((deal: { processId: string }) => deal.processId)).toEqual([status.processIds[1]]);
  });

  it("keeps the batch's rows sealed, and destroys their key once the batch is done (the processes keep their own)", async () => {
    const { documentId } = await uploadPdf(system, managerToken);
    const accepted = await system.call('POST', '/api/signing-processes/batch', {
      token: managerToken,
      json: { items: [item(documentId, 1), item(documentId, 2)] },
    });
    expect(accepted.status).toBe(202);
    const status = await untilDone(system, managerToken, accepted.body.batchId);
    const chunks = async () => system.running.eventStore.readStream(`batch-items-${accepted.body.batchId as string}`);
    for (const deadline = Date.now() + 5000; !(await chunks()).every((c) => (c.data as { items: unknown }).items === ERASED_TEXT);) {
      if (Date.now() > deadline) throw new Error('the rows of a done batch are still readable');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const stored = await chunks();
    expect(stored.length).toBe(1);
    expect(stored[0]!.stored!.data).toEqual({ offset: 0, items: { enc: jasmine.any(String), person: jasmine.any(String) } });
    expect(JSON.stringify(stored[0]!.stored)).not.toContain('Морозов');
    const again = await system.call('GET', `/api/batches/${accepted.body.batchId as string}`, { token: managerToken });
    expect(again.body).toEqual(status);
    const created = await system.running.eventStore.readStream(signingStreamName(status.processIds[0] as string));
    expect((created[0]!.data as { signer: { fullName: string } }).signer.fullName).not.toBe(ERASED_TEXT);
  });

  it('answers the same batch with the same Idempotency-Key with the same batchId and creates nothing new', async () => {
    const { documentId } = await uploadPdf(system, managerToken);
    const json = { items: [item(documentId, 11), item(documentId, 12)] };
    const headers = { 'idempotency-key': 'monthly-acts-2026-11' };
    const first = await system.call('POST', '/api/signing-processes/batch', { token: managerToken, json, headers });
    expect(first.status).toBe(202);
    const done = await untilDone(system, managerToken, first.body.batchId);
    expect(done.created).toBe(2);
    for (const processId of done.processIds) await invitationRecorded(system, processId);
    const head = await system.running.eventStore.headPosition();

    const again = await system.call('POST', '/api/signing-processes/batch', { token: managerToken, json, headers });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(await system.running.eventStore.headPosition()).toBe(head);

    const other = await system.call('POST', '/api/signing-processes/batch', {
      token: managerToken,
      json: { items: [item(documentId, 13)] },
      headers,
    });
    expect(other.status).toBe(422);
  });

  it('lets an integration send a batch: its facts carry the integration, and it alone (with admins) reads the batch', async () => {
    const { apiKey, integrationId } = await createIntegration(system, await login(system, 'admin'));
    const { documentId } = await uploadPdf(system, apiKey);
    const accepted = await system.call('POST', '/api/signing-processes/batch', {
      token: apiKey,
      json: { items: [item(documentId, 31, { externalId: 'crm-31' }), item(documentId, 32, { externalId: 'crm-31' })] },
    });
    expect(accepted.status).toBe(202);
    const status = await untilDone(system, apiKey, accepted.body.batchId);
    expect(status.created).toBe(1);
    expect(status.failed[0].index).toBe(1);
    expect(status.failed[0].status).toBe(409);
    const [created] = await system.running.eventStore.readStream(signingStreamName(status.processIds[0]));
    expect(created?.metadata.actor).toEqual({ id: `integration:${integrationId}`, role: 'integration' });
    expect((await system.call('GET', `/api/batches/${accepted.body.batchId}`, { token: managerToken })).status).toBe(404);
  });

  it('shows a batch to its creator and admins only, and refuses a batch of no or too many items', async () => {
    const { documentId } = await uploadPdf(system, managerToken);
    const accepted = await system.call('POST', '/api/signing-processes/batch', {
      token: managerToken,
      json: { items: [item(documentId, 21)] },
    });
    const path = `/api/batches/${accepted.body.batchId}`;
    expect((await system.call('GET', path, { token: await login(system, 'admin') })).status).toBe(200);
    expect((await system.call('GET', path, { token: await login(system, 'manager2') })).status).toBe(404);
    expect((await system.call('GET', path, { token: await login(system, 'auditor') })).status).toBe(403);
    expect((await system.call('GET', path)).status).toBe(401);
    expect((await system.call('GET', '/api/batches/00000000-0000-4000-8000-000000000000', { token: managerToken })).status).toBe(404);

    for (const items of [[], Array.from({ length: 1001 }, (_, n) => item(documentId, n)), 'nope']) {
      const refused = await system.call('POST', '/api/signing-processes/batch', { token: managerToken, json: { items } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('items');
    }
    await untilDone(system, managerToken, accepted.body.batchId);
  });

  it('takes a body of up to 5 MB and refuses a larger one with 413', async () => {
    const items = (letters: number) =>
      Array.from({ length: 1000 }, (_, n) => ({ kind: 'act', title: `Акт № ${n}`, note: 'я'.repeat(letters) }));
    const near = { items: items(2400) };
    expect(Buffer.byteLength(JSON.stringify(near))).toBeGreaterThan(4.5 * 1024 * 1024);
    const accepted = await system.call('POST', '/api/signing-processes/batch', { token: managerToken, json: near });
    expect(accepted.status).toBe(202);
    expect(accepted.body.total).toBe(1000);
    const over = await system.call('POST', '/api/signing-processes/batch', { token: managerToken, json: { items: items(2700) } });
    expect(over.status).toBe(413);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('integration: a batch survives a restart', () => {
  it('resumes the items left when the system stopped, creating each exactly once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'e-contract-batch-'));
    const first = await startTestSystem({ DATA_DIR: dataDir });
    const token = await login(first, 'manager');
    const { documentId } = await uploadPdf(first, token);
    const items = Array.from({ length: 60 }, (_, n) => item(documentId, 100 + n));
    const accepted = await first.call('POST', '/api/signing-processes/batch', { token, json: { items } });
    expect(accepted.status).toBe(202);
    // Stops while the batch is under way: the items in flight finish, the rest wait for the next start.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.running.close();

    const second = await startTestSystem({ DATA_DIR: dataDir });
    try {
      const status = await untilDone(second, await login(second, 'manager'), accepted.body.batchId);
      expect(status.created).toBe(60);
      expect(status.failed).toEqual([]);
      expect(new Set(status.processIds).size).toBe(60);
      for (const processId of status.processIds) {
        const events = await second.running.eventStore.readStream(signingStreamName(processId));
        expect(events.filter((event) => event.type === 'SigningProcessCreated').length).toBe(1);
      }
    } finally {
      await second.stop();
    }
  });
});
