import { signingStreamName } from '@e-contract/contracts';
import {
  OTHER_PERSON,
  createAndOpen,
  factRecorded,
  identify,
  invitationFor,
  login,
  startTestSystem,
  type TestSystem,
} from './api-test-kit.js';

interface OutboxLine {
  kind: string;
  channel: string;
  text: string;
  link?: string;
  inviteToken?: string;
}

/** API.md, "After signing, reminders, and many requests at once": messages, reminders, new links, history. */
describe('integration: reminders, new links and the deal history', () => {
  let system: TestSystem;
  let managerToken: string;
  let otherManagerToken: string;

  beforeAll(async () => {
    system = await startTestSystem({ ORGANIZATION_NAME: 'ООО «Северный Ветер»' });
    managerToken = await login(system, 'manager');
    otherManagerToken = await login(system, 'manager2');
  }, 30_000);
  afterAll(() => system.stop());

  const outbox = async (phone: string): Promise<OutboxLine[]> =>
    (await system.call('GET', `/api/dev/outbox?to=${encodeURIComponent(phone)}`)).body as OutboxLine[];
  const factsOf = async (processId: string) =>
    (await system.running.eventStore.readStream(signingStreamName(processId))).map((event) => ({
      type: event.type,
      actor: event.metadata.actor,
    }));
  const dealOf = async (processId: string, position?: string) =>
    (await system.call('GET', `/api/deals/${processId}`, { token: managerToken, headers: position ? { 'x-min-position': position } : {} }))
      .body as {
      history: { fact: string; at: string; actor: { id: string; role: string } }[];
      timeline: Record<string, string | null>;
      identification: { lastFailureReason: string | null; attemptsLeft: number };
      linkRequestedAt: string | null;
      status: string;
    };

  it('sends an invitation SMS of two segments at most that names the organisation and the manager, not the title', async () => {
    const phone = '+79005550201';
    const { inviteToken } = await createAndOpen(system, managerToken, { phone });
    expect(inviteToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const sms = (await outbox(phone)).find((m) => m.kind === 'invitation' && m.channel === 'sms')!;
    expect(sms.text).toContain('ООО «Северный Ветер»');
    expect(sms.text).toContain('Соколова М.');
    expect(sms.text).not.toContain('Договор ГПХ');
    expect(sms.text.length).toBeLessThanOrEqual(134);
    expect(sms.text.endsWith(sms.link!)).toBeTrue();
  });

  it('sends a reminder by hand with the same link (202), at most three a day (then 429), to the own branch only', async () => {
    const phone = '+79005550202';
    const { processId, inviteToken } = await createAndOpen(system, managerToken, { phone });

    expect((await system.call('POST', `/api/signing-processes/${processId}/reminders`, { token: otherManagerToken })).status).toBe(404);
    const answers = [];
    for (let i = 0; i < 3; i += 1)
      answers.push(await system.call('POST', `/api/signing-processes/${processId}/reminders`, { token: managerToken }));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(answers[0]!.body).toEqual({ processId, revision: jasmine.any(Number), position: jasmine.any(String) });

    const fourth = await system.call('POST', `/api/signing-processes/${processId}/reminders`, { token: managerToken });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);

    const reminders = (await outbox(phone)).filter((m) => m.kind === 'reminder');
    expect(reminders.length).toBe(3);
    for (const reminder of reminders) {
      expect(reminder.inviteToken).toBe(inviteToken);
      expect(reminder.link).toMatch(new RegExp(`/sign/${inviteToken}$`));
      expect(reminder.text).toContain('Соколова М.');
      expect(reminder.text.length).toBeLessThanOrEqual(134);
    }
    const facts = await factsOf(processId);
    expect(facts.filter((f) => f.type === 'SignerReminded').map((f) => f.actor.role)).toEqual(['manager', 'manager', 'manager']);

    // The token did not change: the link still opens a session.
    expect((await system.call('POST', '/api/signer/session', { json: { inviteToken } })).status).toBe(200);

    const deal = await dealOf(processId, answers[2]!.body.position as string);
    expect(deal.history.map((h) => h.fact)).toEqual([
      'SigningProcessCreated',
      'SignerInvited',
      'SignerReminded',
      'SignerReminded',
      'SignerReminded',
    ]);
    expect(deal.status).toBe('invited');
  });

  it('refuses a reminder once the process no longer waits for the signer (409)', async () => {
    const { processId, signerToken } = await createAndOpen(system, managerToken, { phone: '+79005550203' });
    expect(
      (await system.call('POST', `/api/signing-processes/${processId}/decline`, { token: signerToken, json: { reason: 'не согласен' } }))
        .status,
    ).toBe(200);
    expect((await system.call('POST', `/api/signing-processes/${processId}/reminders`, { token: managerToken })).status).toBe(409);
  });

  it('answers a link request 202 whatever the token, and sends a new invitation for a replaced link of a waiting process', async () => {
    const phone = '+79005550204';
    const { processId, inviteToken } = await createAndOpen(system, managerToken, { phone });
    for (const token of ['nonsense', 'A'.repeat(32), 'B'.repeat(64), inviteToken]) {
      const answer = await system.call('POST', '/api/signer/link-requests', { json: { inviteToken: token } });
      expect(answer.status).withContext(token).toBe(202);
    }
    // Nothing for an unknown token nor for the current link.
    expect((await factsOf(processId)).map((f) => f.type)).toEqual(['SigningProcessCreated', 'SignerInvited']);

    const reissued = await system.call('POST', `/api/signing-processes/${processId}/invitations`, { token: managerToken });
    expect(reissued.status).toBe(202);
    const second = await invitationFor(system, phone, processId, inviteToken);

    // The signer still holds the first link: it asks for a new one.
    expect((await system.call('POST', '/api/signer/link-requests', { json: { inviteToken } })).status).toBe(202);
    const third = await invitationFor(system, phone, processId, second);
    expect(third).not.toBe(inviteToken);
    expect((await system.call('POST', '/api/signer/session', { json: { inviteToken: third } })).status).toBe(200);
    expect((await system.call('POST', '/api/signer/session', { json: { inviteToken: second } })).status).toBe(401);
    await factRecorded(system, processId, 'SignerInvited');
    const facts = await factsOf(processId);
    const bySystem = facts.filter((f) => f.type === 'InvitationReissued').map((f) => f.actor.id);
    expect(bySystem).toEqual([jasmine.stringMatching(/^manager|^[0-9a-f-]{36}$/), 'system:notifications']);

    // At most 3 requests in 24 hours per process: the third and fourth here still get 202.
    for (let i = 0; i < 3; i += 1) {
      expect((await system.call('POST', '/api/signer/link-requests', { json: { inviteToken } })).status).toBe(202);
    }
    const requested = (await factsOf(processId)).filter((f) => f.type === 'InvitationReissued' && f.actor.id === 'system:notifications');
    expect(requested.length).toBe(3);
  });

  it('records a request for a new link of a process that ended unsigned, for the board', async () => {
    const { processId, signerToken, inviteToken } = await createAndOpen(system, managerToken, { phone: '+79005550205' });
    await system.call('POST', `/api/signing-processes/${processId}/decline`, { token: signerToken, json: { reason: 'не тот документ' } });
    expect((await system.call('POST', '/api/signer/link-requests', { json: { inviteToken } })).status).toBe(202);
    const facts = await factsOf(processId);
    expect(facts.at(-1)).toEqual({ type: 'NewLinkRequested', actor: { id: `signer:${processId}`, role: 'signer' } });
    const events = await system.running.eventStore.readStream(signingStreamName(processId));
    const deal = await dealOf(processId, events.at(-1)!.position);
    expect(deal.status).toBe('declined');
    expect(deal.linkRequestedAt).toEqual(jasmine.any(String));
    expect(deal.history.at(-1)!.fact).toBe('NewLinkRequested');
  });

  it('keeps the reason of a failed identification on the deal, with the tries left', async () => {
    const { processId, signerToken } = await createAndOpen(system, managerToken, { phone: '+79005550206' });
    await identify(system, processId, signerToken, OTHER_PERSON);
    const events = await system.running.eventStore.readStream(signingStreamName(processId));
    const deal = await dealOf(processId, events.at(-1)!.position);
    expect(deal.status).toBe('identification_failed');
    expect(deal.identification.lastFailureReason).toEqual(jasmine.any(String));
    expect(deal.identification.attemptsLeft).toBe(2);
    expect(deal.history.map((h) => h.fact)).toContain('IdentificationFailed');
  });
});
