import { invitationRecorded, login, requestBody, startTestSystem, uploadPdf, type ApiAnswer, type TestSystem } from './api-test-kit.js';

/**
 * Creations wait while the invitations are behind, and are refused (503, `Retry-After`) when they
 * stay behind (create-admission.ts). Here the limit is 1 ms and the longest wait 1 ms, so a burst of
 * creations meets the invitation reactor with a batch in hand: some are refused. A refusal creates
 * nothing; every creation answered 201 is invited.
 */
describe('integration: creations wait for the invitations', () => {
  let system: TestSystem | null = null;
  afterEach(async () => {
    await system?.stop();
    system = null;
  });

  it('refuses creations with 503, Retry-After and creations-paused while the invitations are behind, creating nothing for them', async () => {
    system = await startTestSystem({}, { admission: { limitMs: 1, maxWaitMs: 1 } });
    const token = await login(system, 'manager');
    const { documentId } = await uploadPdf(system, token);
    const answers: ApiAnswer[] = [];
    for (let burst = 0; burst < 20 && !answers.some((answer) => answer.status === 503); burst += 1) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            system!.call('POST', '/api/signing-processes', { token, json: { ...requestBody(documentId), title: `Акт № ${burst}-${i}` } }),
          ),
        )),
      );
    }
    const refused = answers.filter((answer) => answer.status === 503);
    const created = answers.filter((answer) => answer.status === 201);
    expect(refused.length).withContext('a burst met the reactor with a batch in hand').toBeGreaterThan(0);
    expect(created.length + refused.length).toBe(answers.length);
    for (const answer of refused) {
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.body).toEqual(
        jasmine.objectContaining({ status: 503, type: jasmine.stringMatching(/creations-paused$/), retryAfter: 1 }),
      );
      expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.js|Error:/);
    }
    for (const answer of created) await invitationRecorded(system, answer.body.processId);

    // The log holds exactly the creations answered 201.
    const creations = (await system.running.eventStore.readAll()).filter((event) => event.type === 'SigningProcessCreated');
    expect(creations.map((event) => (event.data as { processId: string }).processId).sort()).toEqual(
      created.map((answer) => answer.body.processId as string).sort(),
    );
  });

  it('lets every creation through when the invitations keep up (the default limit)', async () => {
    system = await startTestSystem();
    const token = await login(system, 'manager');
    const { documentId } = await uploadPdf(system, token);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => system!.call('POST', '/api/signing-processes', { token, json: requestBody(documentId) })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
  });
});
