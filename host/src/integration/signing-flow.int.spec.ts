import { signingStreamName } from '@e-contract/contracts';
import { storedChainEntry, verifyChain } from '@e-contract/contracts/node';
import {
  invitationFor,
  CONTRACTOR,
  OTHER_PERSON,
  createAndOpen,
  identify,
  latestCode,
  login,
  startTestSystem,
  type TestSystem,
} from './api-test-kit.js';

describe('integration: a signer goes the whole way through the HTTP API', () => {
  let system: TestSystem;
  let managerToken: string;
  // A system each: an EDO acceptance of one spec's signer would otherwise be reused in another.
  beforeEach(async () => {
    system = await startTestSystem();
    managerToken = await login(system, 'manager');
  });
  afterEach(() => system.stop());

  it('creates, invites, fails one identification, passes the next, accepts the EDO agreement and signs', async () => {
    const { processId, sha256, signerToken, created } = await createAndOpen(system, managerToken);
    expect(created.headers.get('location')).toBe(`/api/deals/${processId}`);
    expect(created.body).toEqual({ processId, revision: 0, position: jasmine.stringMatching(/^\d+$/) });

    const failed = await identify(system, processId, signerToken, OTHER_PERSON);
    expect(failed.started.body.redirectUrl).toContain('/sandbox/esia?requestId=');
    expect(failed.completed.status).toBe(200);

    const passed = await identify(system, processId, signerToken, CONTRACTOR);
    expect(passed.completed.body).toEqual(jasmine.objectContaining({ callbackStatus: 204 }));

    const edo = await system.call('GET', '/api/edo-agreement', { token: signerToken });
    expect(edo.body).toEqual({
      version: jasmine.any(String),
      sha256: jasmine.stringMatching(/^[0-9a-f]{64}$/),
      text: jasmine.stringMatching(/63-ФЗ/),
    });
    const accepted = await system.call('POST', `/api/signing-processes/${processId}/edo-agreement/acceptance`, {
      token: signerToken,
      json: { agreementVersion: edo.body.version },
    });
    expect(accepted.status).toBe(200);

    const code = await system.call('POST', `/api/signing-processes/${processId}/signature-code`, { token: signerToken });
    expect(code.status).toBe(202);
    expect(code.body).toEqual(
      jasmine.objectContaining({
        channel: 'sms',
        destination: '+7 900 ***-**-67',
        expiresAt: jasmine.stringMatching(/Z$/),
        fingerprint: jasmine.stringMatching(/^[0-9a-f]{8}$/),
      }),
    );
    // The SMS quotes the fingerprint the signer's code step shows.
    const outbox = await system.call('GET', '/api/dev/outbox?to=%2B79001234567');
    expect(outbox.body[0].text).toContain(code.body.fingerprint);
    const rightCode = await latestCode(system);
    const wrongCode = rightCode === '000000' ? '000001' : '000000';

    const wrong = await system.call('POST', `/api/signing-processes/${processId}/signature`, {
      token: signerToken,
      json: { code: wrongCode },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(wrong.body.attemptsLeft).toBe(2);

    const right = await system.call('POST', `/api/signing-processes/${processId}/signature`, {
      token: signerToken,
      json: { code: rightCode },
    });
    expect(right.status).toBe(200);
    expect(right.body).toEqual(
      jasmine.objectContaining({ status: 'signed', processId, revision: jasmine.any(Number), position: jasmine.stringMatching(/^\d+$/) }),
    );

    const events = await system.running.eventStore.readStream(signingStreamName(processId));
    expect(events.map((e) => e.type)).toEqual([
      'SigningProcessCreated',
      'SignerInvited',
      'IdentificationStarted',
      'IdentificationFailed',
      'IdentificationStarted',
      'SignerIdentified',
      'EdoAgreementAccepted',
      'SignatureCodeIssued',
      'SignatureCodeRejected',
      'DocumentsSigned',
    ]);
    expect(verifyChain(events.map(storedChainEntry))).toEqual(jasmine.objectContaining({ valid: true, events: 10 }));
    const signedData = events.at(-1)!.data as { documents: { sha256: string }[]; edoAgreement: { version: string; sha256: string } };
    expect(signedData.documents[0]!.sha256).toBe(sha256);
    expect(signedData.edoAgreement).toEqual({ version: edo.body.version, sha256: edo.body.sha256 });
    expect(right.body.revision).toBe(9);
  });

  it('records who, when, from where and why on every event, the system as the author of its own facts', async () => {
    const { processId, signerToken } = await createAndOpen(system, managerToken);
    await identify(system, processId, signerToken, CONTRACTOR);
    const events = await system.running.eventStore.readStream(signingStreamName(processId));
    const actors = events.map((e) => `${e.type}:${e.metadata.actor.role}:${e.metadata.actor.id.split(':')[0]}`);
    expect(actors).toEqual([
      jasmine.stringMatching(/^SigningProcessCreated:manager:/),
      'SignerInvited:system:system',
      'IdentificationStarted:signer:signer',
      'SignerIdentified:system:system',
    ]);
    expect(events[3]!.metadata.actor.id).toBe('system:identification');
    for (const event of events) {
      expect(event.metadata.ip)
        .withContext(event.type === 'SignerInvited' ? 'no request behind it' : event.type)
        .toEqual(event.type === 'SignerInvited' ? null : jasmine.any(String));
      expect(event.metadata.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(event.metadata.correlationId).toEqual(jasmine.any(String));
    }
  });

  it('reuses an EDO acceptance of the same person in a later process', async () => {
    const first = await createAndOpen(system, managerToken);
    await identify(system, first.processId, first.signerToken, CONTRACTOR);
    const edo = await system.call('GET', '/api/edo-agreement', { token: first.signerToken });
    await system.call('POST', `/api/signing-processes/${first.processId}/edo-agreement/acceptance`, {
      token: first.signerToken,
      json: { agreementVersion: edo.body.version },
    });

    const second = await createAndOpen(system, managerToken);
    await identify(system, second.processId, second.signerToken, CONTRACTOR);
    const events = await system.running.eventStore.readStream(signingStreamName(second.processId));
    const reused = events.at(-1)!;
    expect(reused.type).toBe('EdoAgreementAccepted');
    expect(reused.metadata.actor).toEqual({ id: 'system:edo-agreement', role: 'system' });
    expect((reused.data as { reusedFrom: unknown }).reusedFrom).toEqual({ processId: first.processId, revision: jasmine.any(Number) });
    const again = await system.call('POST', `/api/signing-processes/${second.processId}/edo-agreement/acceptance`, {
      token: second.signerToken,
      json: { agreementVersion: edo.body.version },
    });
    expect(again.status).toBe(409);
  });

  it('closes the process after the third failed identification: start answers 422, other steps 409', async () => {
    const { processId, signerToken } = await createAndOpen(system, managerToken);
    for (let i = 0; i < 3; i += 1) await identify(system, processId, signerToken, OTHER_PERSON);
    const start = await system.call('POST', `/api/signing-processes/${processId}/identification`, { token: signerToken });
    expect(start.status).toBe(422);
    const decline = await system.call('POST', `/api/signing-processes/${processId}/decline`, {
      token: signerToken,
      json: { reason: 'передумал' },
    });
    expect(decline.status).toBe(409);
  });

  it('replaces the invitation: the old token stops opening sessions, the new one works', async () => {
    const { processId, inviteToken } = await createAndOpen(system, managerToken);
    const reissued = await system.call('POST', `/api/signing-processes/${processId}/invitations`, { token: managerToken });
    expect(reissued.status).toBe(202);
    expect(reissued.body).toEqual(jasmine.objectContaining({ processId, revision: 2 }));
    const old = await system.call('POST', '/api/signer/session', { json: { inviteToken } });
    expect(old.status).toBe(401);
    const newest = await invitationFor(system, '+79001234567', processId, inviteToken);
    const fresh = await system.call('POST', '/api/signer/session', { json: { inviteToken: newest } });
    expect(fresh.status).toBe(200);
  });
});
