import { signingStreamName } from '@e-contract/contracts';
import { uuidFromKey } from '@e-contract/command-side/testing';
import {
  invitationRecorded,
  createAndOpen,
  latestCode,
  login,
  requestBody,
  startTestSystem,
  untilCodeSent,
  uploadPdf,
  type TestSystem,
} from './api-test-kit.js';

describe('integration: idempotency and concurrency', () => {
  let system: TestSystem;
  let managerToken: string;
  beforeEach(async () => {
    system = await startTestSystem();
    managerToken = await login(system, 'manager');
  });
  afterEach(() => system.stop());

  it('answers a retried create with the same Idempotency-Key with the first answer and appends nothing', async () => {
    const { documentId } = await uploadPdf(system, managerToken);
    const body = requestBody(documentId);
    const headers = { 'idempotency-key': 'create-42' };
    const first = await system.call('POST', '/api/signing-processes', { token: managerToken, json: body, headers });
    expect(first.status).toBe(201);
    await invitationRecorded(system, first.body.processId);
    const head = await system.running.eventStore.headPosition();
    const again = await system.call('POST', '/api/signing-processes', { token: managerToken, json: body, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await system.running.eventStore.headPosition()).toBe(head);

    const otherBody = await system.call('POST', '/api/signing-processes', {
      token: managerToken,
      json: { ...body, title: 'Другой договор' },
      headers,
    });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.type).toMatch(/idempotency-key-reused$/);
    expect(await system.running.eventStore.headPosition()).toBe(head);
  });

  it('answers a repeated wrong code with the same key and body with the first refusal, spending no other try', async () => {
    const { processId, signerToken } = await untilCodeSent(system, managerToken);
    const rightCode = await latestCode(system);
    const wrongCode = rightCode === '000000' ? '000001' : '000000';
    const send = (key: string) =>
      system.call('POST', `/api/signing-processes/${processId}/signature`, {
        token: signerToken,
        json: { code: wrongCode },
        headers: { 'idempotency-key': key },
      });
    const first = await send('sign-1');
    expect(first.status).toBe(422);
    expect(first.body.attemptsLeft).toBe(2);
    const head = await system.running.eventStore.headPosition();

    for (let retry = 0; retry < 3; retry++) {
      const again = await send('sign-1');
      expect(again.status).toBe(422);
      expect(again.headers.get('content-type')).toContain('application/problem+json');
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
    }
    expect(await system.running.eventStore.headPosition()).toBe(head);
    const rejections = (await system.running.eventStore.readStream(signingStreamName(processId))).filter(
      (event) => event.type === 'SignatureCodeRejected',
    );
    expect(rejections.length).toBe(1);

    // A new key is a new attempt; the right code still signs.
    expect((await send('sign-2')).body.attemptsLeft).toBe(1);
    const signed = await system.call('POST', `/api/signing-processes/${processId}/signature`, {
      token: signerToken,
      json: { code: rightCode },
      headers: { 'idempotency-key': 'sign-3' },
    });
    expect(signed.status).toBe(200);
  });

  it('refuses with 400, not 500, a body canonical JSON cannot hold, and records nothing', async () => {
    const head = await system.running.eventStore.headPosition();
    for (const body of ['{"title": 1e400}', `${'['.repeat(5000)}${']'.repeat(5000)}`]) {
      const answer = await system.call('POST', '/api/signing-processes', {
        token: managerToken,
        body,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'odd-body' },
      });
      expect(answer.status).withContext(body.slice(0, 20)).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      // 1e400 can never be canonicalised; how deep a nesting can be depends on the stack left, and
      // when it can, the body is simply invalid: 400 either way, never a 500.
      if (body.includes('1e400')) expect(answer.body.errors).toEqual([jasmine.objectContaining({ field: 'body' })]);
    }
    expect(await system.running.eventStore.headPosition()).toBe(head);
  });

  it('answers a retried create whose first try created the process, but died before recording its answer, with that creation', async () => {
    const { documentId } = await uploadPdf(system, managerToken);
    const managerId = (JSON.parse(Buffer.from(managerToken.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;
    const derived = (key: string) => uuidFromKey(`${managerId} POST /api/signing-processes`, key);
    // The first try as the log keeps it after a kill: the process is there, its answer is not.
    const first = await system.call('POST', '/api/signing-processes', {
      token: managerToken,
      json: { ...requestBody(documentId), processId: derived('lost-answer') },
    });
    expect(first.status).toBe(201);
    const retry = await system.call('POST', '/api/signing-processes', {
      token: managerToken,
      json: requestBody(documentId),
      headers: { 'idempotency-key': 'lost-answer' },
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);

    // Another body under a key whose process exists: the key was used for something else.
    await system.call('POST', '/api/signing-processes', {
      token: managerToken,
      json: { ...requestBody(documentId), processId: derived('other-body') },
    });
    const reused = await system.call('POST', '/api/signing-processes', {
      token: managerToken,
      json: { ...requestBody(documentId), title: 'Другой договор' },
      headers: { 'idempotency-key': 'other-body' },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.type).toMatch(/idempotency-key-reused$/);
  });

  it('lands two concurrent creates with one key on one process', async () => {
    const { documentId } = await uploadPdf(system, managerToken);
    const headers = { 'idempotency-key': 'race-1' };
    const answers = await Promise.all(
      [1, 2].map(() => system.call('POST', '/api/signing-processes', { token: managerToken, json: requestBody(documentId), headers })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers[0]!.body.processId).toBe(answers[1]!.body.processId);
    const events = await system.running.eventStore.readStream(signingStreamName(answers[0]!.body.processId));
    expect(events.filter((e) => e.type === 'SigningProcessCreated').length).toBe(1);
  });

  it('scopes keys to the caller: another manager with the same key creates their own process', async () => {
    const other = await login(system, 'manager2');
    const mine = await uploadPdf(system, managerToken);
    const theirs = await uploadPdf(system, other);
    const headers = { 'idempotency-key': 'same-key' };
    const a = await system.call('POST', '/api/signing-processes', { token: managerToken, json: requestBody(mine.documentId), headers });
    const b = await system.call('POST', '/api/signing-processes', { token: other, json: requestBody(theirs.documentId), headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.processId).not.toBe(b.body.processId);
  });

  it('lets only one of two concurrent endings of a process succeed', async () => {
    const { processId, signerToken } = await createAndOpen(system, managerToken);
    const [decline, cancel] = await Promise.all([
      system.call('POST', `/api/signing-processes/${processId}/decline`, { token: signerToken, json: { reason: 'не согласен' } }),
      system.call('POST', `/api/signing-processes/${processId}/cancel`, { token: managerToken, json: { reason: 'ошибка' } }),
    ]);
    expect([decline.status, cancel.status].sort()).toEqual([200, 409]);
    const events = await system.running.eventStore.readStream(signingStreamName(processId));
    expect(events.filter((e) => e.type === 'SigningDeclined' || e.type === 'SigningCancelled').length).toBe(1);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
  });

  it('never lets two concurrent commands succeed on the same revision', async () => {
    const { processId } = await createAndOpen(system, managerToken);
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        system.call('POST', `/api/signing-processes/${processId}/invitations`, { token: managerToken, headers: { 'if-match': '1' } }),
      ),
    );
    expect(answers.filter((a) => a.status === 202).length).toBe(1);
    expect(answers.filter((a) => a.status === 412).length).toBe(3);
  });
});
