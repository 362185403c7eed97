import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { signingStreamName, type Actor, type RecordedEvent, type SigningEvent } from '@e-contract/contracts';
import { sha256Hex } from '@e-contract/contracts/node';
import { MANAGER, SIGNER, signerActor, signingProcess } from '@e-contract/contracts/testing';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { createInviteToken } from '../auth/invite-token.js';
import { DevOutboxNotifier } from '../notifications/dev-outbox-notifier.js';
import type { Notifier, OutgoingMessage } from '../notifications/notifier.js';
import { SigningCommandHandler } from '../signing/command-handler.js';
import { SignedNoticeReactor, type SignedCopySource } from './signed-notice-reactor.js';

const SECRET = 'invite-secret-for-the-signed-notice-specs-0123456789';
const PUBLIC_URL = 'https://sign.example.ru';
const COPY = Buffer.from('%PDF-1.7 the signed copy');

describe('SignedNoticeReactor', () => {
  let dir: string;
  let events: SqliteEventStore;
  let handler: SigningCommandHandler;
  let outbox: DevOutboxNotifier;
  let sent: OutgoingMessage[];
  let copies: jasmine.Spy<SignedCopySource['signedCopy']>;
  let now: Date;

  const reactor = (signedCopies: SignedCopySource | undefined = { signedCopy: copies }) => {
    const counting: Notifier = { send: (message) => (sent.push(message), outbox.send(message)) };
    return new SignedNoticeReactor({
      handler,
      notifier: counting,
      publicUrl: PUBLIC_URL,
      inviteTokenSecret: SECRET,
      ...(signedCopies ? { signedCopies } : {}),
      clock: () => now,
      logger: pino({ level: 'silent' }),
    });
  };

  const record = async (processId: string, actor: Actor, ...facts: SigningEvent[]): Promise<RecordedEvent> => {
    await handler.execute(processId, { actor, ip: null, userAgent: null, correlationId: null, causationId: null }, () => facts);
    return (await events.readStream(signingStreamName(processId))).at(-1)!;
  };

  /** A process created and signed (the decider bypassed: the spec sets the scene); answers the signing event. */
  async function signedProcess(email?: string) {
    const processId = randomUUID();
    const invitationId = randomUUID();
    const { token, tokenSha256 } = createInviteToken(processId, { invitationId, secret: SECRET });
    const facts = signingProcess({
      processId,
      signer: { ...SIGNER, ...(email ? { email } : {}) },
      invitation: { invitationId, tokenSha256 },
    });
    await record(processId, MANAGER, facts.created());
    const signed = await record(processId, signerActor(processId), facts.signed);
    now = new Date(Date.parse(signed.metadata.occurredAt) + 5_000);
    return { processId, token, signed };
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'e-contract-signed-notice-'));
    events = SqliteEventStore.open(join(dir, 'events.sqlite'));
    handler = new SigningCommandHandler(events);
    outbox = new DevOutboxNotifier(dir);
    sent = [];
    copies = jasmine.createSpy('signedCopy').and.resolveTo(COPY);
    now = new Date();
  });
  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends the SMS and the e-mail with the signed copy attached, both with the invitation's link", async () => {
    const { processId, token, signed } = await signedProcess('ivanov@example.ru');
    await reactor().handle(signed);

    const link = `${PUBLIC_URL}/sign/${token}`;
    const [email, sms] = outbox.list(); // newest first
    expect(sms).toEqual(jasmine.objectContaining({ channel: 'sms', to: SIGNER.phone, kind: 'signed_notice', link, inviteToken: token }));
    expect(sms!.text).toBe(`Документы подписаны. Копия с листом подписания в кабинете: ${link}`);
    expect(email).toEqual(jasmine.objectContaining({ channel: 'email', to: 'ivanov@example.ru', kind: 'signed_notice', link }));
    expect(email!.subject).toContain('Документы подписаны');
    expect(email!.text).toContain('приложена подписанная копия');
    expect(email!.attachments).toEqual([
      { fileName: `signed-copy-${processId}.pdf`, contentType: 'application/pdf', size: COPY.length, sha256: sha256Hex(COPY) },
    ]);
    expect(copies).toHaveBeenCalledOnceWith(processId);
    expect(sent.map((m) => m.dedupKey)).toEqual([`${signed.eventId}:signed_notice:sms`, `${signed.eventId}:signed_notice:email`]);
  });

  it('sends each message once when the signing is handled again (after a crash, a replay)', async () => {
    const { signed } = await signedProcess('ivanov@example.ru');
    await reactor().handle(signed);
    await reactor().handle(signed);
    expect(outbox.list().length).toBe(2);
    // A restarted system reads the outbox's keys from disk.
    outbox = new DevOutboxNotifier(dir);
    await reactor().handle(signed);
    expect(outbox.list().length).toBe(2);
  });

  it('sends the SMS only, and renders nothing, when the signer has no e-mail', async () => {
    const { signed } = await signedProcess();
    await reactor().handle(signed);
    expect(outbox.list().map((m) => m.channel)).toEqual(['sms']);
    expect(copies).not.toHaveBeenCalled();
  });

  it('sends the e-mail without the copy, saying where to find it, when the copy cannot be made', async () => {
    copies.and.rejectWith(new Error('a document is missing'));
    const { signed } = await signedProcess('ivanov@example.ru');
    await reactor().handle(signed);
    const email = outbox.list().find((m) => m.channel === 'email')!;
    expect(email.attachments).toBeUndefined();
    expect(email.text).not.toContain('приложена');
    expect(email.text).toContain('в личном кабинете');
  });

  it('sends nothing for a signing older than a day (a reactor started on an old log)', async () => {
    const { signed } = await signedProcess('ivanov@example.ru');
    now = new Date(Date.parse(signed.metadata.occurredAt) + 25 * 3_600_000);
    await reactor().handle(signed);
    expect(outbox.list()).toEqual([]);
  });
});
