import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SIGNING_STREAM_PREFIX } from '@e-contract/contracts';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { eventually } from '@e-contract/platform/testing';
import { SqliteReadStore } from '@e-contract/projections/read-store';
import { invitationRecorded, login, requestBody, startTestSystem, uploadPdf, type TestSystem } from './api-test-kit.js';

/**
 * npm start's three threads (docs/architecture.md, "Processes and composition"): the request thread
 * appends through the writer thread, the background thread folds and reacts, and each tells the
 * other what it did.
 */
describe('integration: npm start on its threads', () => {
  let system: TestSystem | null = null;
  afterEach(async () => {
    await system?.stop();
    system = null;
  });

  it('reads its own writes at once, and the reactors in the background thread record the invitations', async () => {
    system = await startTestSystem();
    const token = await login(system, 'manager');
    const { documentId } = await uploadPdf(system, token);
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        system!.call('POST', '/api/signing-processes', { token, json: { ...requestBody(documentId), title: `Акт № ${i}` } }),
      ),
    );
    expect(created.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 201));
    for (const answer of created) {
      // The read model is in the other thread: X-Min-Position waits until it has applied the command.
      const deal = await system.call('GET', `/api/deals/${answer.body.processId}`, {
        token,
        headers: { 'x-min-position': answer.body.position },
      });
      expect(deal.status).toBe(200);
      expect(BigInt(deal.body.position) >= BigInt(answer.body.position)).toBeTrue();
      await invitationRecorded(system, answer.body.processId);
    }
    const admin = await login(system, 'admin');
    const projections = await system.call('GET', '/api/admin/projections', { token: admin });
    expect(projections.status).toBe(200);
    expect(projections.body.map((row: { name: string }) => row.name).sort()).toEqual(['audit_trail', 'cabinet', 'deals', 'stats']);
  });

  it('stops cleanly: every accepted append answered, every read model checkpoint saved at the head', async () => {
    system = await startTestSystem();
    const token = await login(system, 'manager');
    const { documentId } = await uploadPdf(system, token);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => system!.call('POST', '/api/signing-processes', { token, json: requestBody(documentId) })),
    );
    expect(answers.every((answer) => answer.status === 201)).toBeTrue();
    for (const answer of answers) await invitationRecorded(system, answer.body.processId);
    const head = await system.running.eventStore.headPosition();
    await eventually(
      async () => (await system!.call('GET', '/api/health')).body.projections.position === head,
      5_000,
      'the read models at the head',
    );
    const { dataDir } = system;
    await system.running.close();

    const events = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    const reads = new SqliteReadStore(join(dataDir, 'read-models.sqlite'));
    try {
      const signing = (await events.readAll()).filter((event) => event.streamId.startsWith(SIGNING_STREAM_PREFIX));
      for (const answer of answers) expect(signing.some((event) => event.position === answer.body.position)).toBeTrue();
      const lastSigning = signing.at(-1)!.position;
      const checkpoints = await reads.checkpoints();
      expect(checkpoints.length).toBe(4);
      // The background thread finished its batches and saved its checkpoints before it stopped.
      for (const checkpoint of checkpoints) expect(checkpoint.position).withContext(checkpoint.name).toBe(lastSigning);
    } finally {
      await reads.close();
      await events.close();
      rmSync(dataDir, { recursive: true, force: true });
      system = null;
    }
  });
});
