import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasEnded, signingStreamName, type Actor, type RecordedEvent, type SigningEvent } from '@e-contract/contracts';
import { sha256Hex } from '@e-contract/contracts/node';
import { DOCUMENT, MANAGER, SIGNER, signerActor, signingProcess, withData } from '@e-contract/contracts/testing';
import { FileArchive } from '../archive/file-archive.js';
import { createInviteToken } from '../auth/invite-token.js';
import { FileDocumentStore } from '../documents/file-document-store.js';
import { StaticEdoAgreementCatalog } from '../edo-agreement/edo-agreement.js';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { DevOutboxNotifier } from '../notifications/dev-outbox-notifier.js';
import type { Notifier, OutgoingMessage } from '../notifications/notifier.js';
import { SigningCommandHandler, type CommandOrigin } from '../signing/command-handler.js';
import { pino } from 'pino';
import { eventually } from '@e-contract/platform/testing';
import { foldSigningEvents } from '../signing/signing-state.js';
import { ArchiveReactor } from './archive-reactor.js';
import { ExpiryReactor, type DueProcesses } from './expiry-reactor.js';
import { InvitationReactor } from './invitation-reactor.js';
import { ReactorRunner, type ReactorCheckpoints } from './reactor.js';

/** Checkpoints kept in memory, as the read store keeps them. */
class MemoryCheckpoints implements ReactorCheckpoints {
  private readonly positions = new Map<string, string>();
  async reactorCheckpoint(name: string): Promise<string | null> {
    return this.positions.get(name) ?? null;
  }
  async saveReactorCheckpoint(name: string, position: string): Promise<void> {
    this.positions.set(name, position);
  }
}

/**
 * The overdue processes as a read model shows them: a snapshot of the log folded when `project`
 * runs, lagging behind every later append (as the deals read model may).
 */
class SnapshotDueProcesses implements DueProcesses {
  private snapshot: { processId: string; expiresAt: string }[] = [];
  async project(events: RecordedEvent[]): Promise<void> {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of events) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    this.snapshot = [...byStream.values()].flatMap((stream) => {
      const state = foldSigningEvents(stream as unknown as SigningEvent[]);
      return state.status !== 'none' && !hasEnded(state) ? [{ processId: state.processId, expiresAt: state.expiresAt }] : [];
    });
  }
  async overdue(now: Date, page: number, pageSize: number): Promise<string[]> {
    return this.snapshot
      .filter((p) => Date.parse(p.expiresAt) <= now.getTime())
      .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))
      .slice((page - 1) * pageSize, page * pageSize)
      .map((p) => p.processId);
  }
}

const silent = pino({ level: 'silent' });
const SECRET = 'invite-secret-for-the-reactor-specs-0123456789';
const PUBLIC_URL = 'http://127.0.0.1:8080';
const catalog = new StaticEdoAgreementCatalog();

/** The parts every reactor spec uses, over a temp DATA_DIR. */
function world() {
  const dir = mkdtempSync(join(tmpdir(), 'e-contract-reactors-'));
  const events = SqliteEventStore.open(join(dir, 'events.sqlite'), { pollIntervalMs: 50 });
  const checkpoints = new MemoryCheckpoints();
  const due = new SnapshotDueProcesses();
  const handler = new SigningCommandHandler(events);
  const outbox = new DevOutboxNotifier(dir);
  const documents = new FileDocumentStore(dir);
  const archive = new FileArchive(dir);
  const runner = new ReactorRunner({ subscriber: events, checkpoints, logger: silent, retry: { initialDelayMs: 10, maxDelayMs: 50 } });
  return {
    dir,
    events,
    checkpoints,
    due,
    handler,
    outbox,
    documents,
    archive,
    runner,
    async close() {
      await runner.stop();
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
type World = ReturnType<typeof world>;

const origin = (actor: Actor, causationId: string | null = null): CommandOrigin => ({
  actor,
  ip: '203.0.113.7',
  userAgent: 'spec',
  correlationId: 'corr-1',
  causationId,
});

/** Appends facts as the command handler does (the decider is bypassed: the specs set the scene). */
async function record(w: World, processId: string, actor: Actor, ...facts: SigningEvent[]): Promise<RecordedEvent[]> {
  await w.handler.execute(processId, origin(actor), () => facts);
  return w.events.readStream(signingStreamName(processId));
}

async function createProcess(
  w: World,
  options: { email?: string; expiresAt?: string; documentIds?: { documentId: string; sha256: string }[] } = {},
) {
  const processId = randomUUID();
  const invitationId = randomUUID();
  const { tokenSha256 } = createInviteToken(processId, { invitationId, secret: SECRET });
  const documents = (options.documentIds ?? [{ documentId: randomUUID(), sha256: 'a'.repeat(64) }]).map((d) => ({
    ...DOCUMENT,
    ...d,
    size: 10,
  }));
  const facts = signingProcess({
    processId,
    documents,
    signer: { ...SIGNER, ...(options.email ? { email: options.email } : {}) },
    expiresAt: options.expiresAt ?? new Date(Date.now() + 7 * 86_400_000).toISOString(),
    invitation: { invitationId, tokenSha256 },
  });
  const [created] = await record(w, processId, MANAGER, facts.created());
  return { processId, invitationId, tokenSha256, created: created!, documents, facts };
}

const typesOf = async (w: World, processId: string) => (await w.events.readStream(signingStreamName(processId))).map((e) => e.type);

/** A notifier that counts what reaches it and can fail the calls after the first `failAfter`. */
class CountingNotifier implements Notifier {
  readonly sent: OutgoingMessage[] = [];
  constructor(private readonly inner: Notifier) {}
  async send(message: OutgoingMessage): Promise<void> {
    this.sent.push(message);
    await this.inner.send(message);
  }
}

/** The invitation reactor as the projections service builds it, over this spec's handler and notifier. */
const invitationReactor = (handler: SigningCommandHandler, notifier: Notifier): InvitationReactor =>
  new InvitationReactor({
    handler,
    notifier,
    publicUrl: PUBLIC_URL,
    organizationName: 'ООО «Демо-Контракт»',
    inviteTokenSecret: SECRET,
    inviteTokens: { record: async () => undefined },
    edoAgreements: catalog,
    clock: () => new Date(),
    logger: silent,
  });

describe('InvitationReactor', () => {
  let w: World;
  let notifier: CountingNotifier;
  let reactor: InvitationReactor;
  beforeEach(() => {
    w = world();
    notifier = new CountingNotifier(w.outbox);
    reactor = invitationReactor(w.handler, notifier);
  });
  afterEach(() => w.close());

  it('sends the invitation with the token derived again from the event, then records SignerInvited caused by it', async () => {
    const { processId, tokenSha256, created } = await createProcess(w, { email: 'ivanov@example.ru' });
    w.runner.start(reactor);
    await eventually(async () => (await typesOf(w, processId)).includes('SignerInvited'), 3_000, 'SignerInvited');

    const messages = w.outbox.list();
    expect(messages.map((m) => [m.channel, m.to, m.kind])).toEqual(
      jasmine.arrayWithExactContents([
        ['sms', '+79001234567', 'invitation'],
        ['email', 'ivanov@example.ru', 'invitation'],
      ]),
    );
    const token = messages[0]!.inviteToken!;
    expect(sha256Hex(token)).toBe(tokenSha256);
    expect(messages[0]!.link).toBe(`${PUBLIC_URL}/sign/${token}`);
    expect(notifier.sent.map((m) => m.dedupKey).sort()).toEqual([`${created.eventId}:email`, `${created.eventId}:sms`]);

    const invited = (await w.events.readStream(signingStreamName(processId))).at(-1)!;
    expect(invited.type).toBe('SignerInvited');
    expect(invited.metadata.actor).toEqual({ id: 'system:notifications', role: 'system' });
    expect(invited.metadata.causationId).toBe(created.eventId);
    expect(invited.metadata.correlationId).toBe('corr-1');
    expect((invited.data as { sentTo: unknown[] }).sentTo.length).toBe(2);
  });

  it('tells what it has in hand: the oldest creation while inviting, nothing once done or while it waits to retry', async () => {
    const told: (number | null)[] = [];
    w.runner.onBacklog((name, since) => {
      if (name === 'invitations') told.push(since);
    });
    let failures = 1;
    const gatewayDownOnce: Notifier = {
      send: async (message) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('the SMS gateway does not answer');
        }
        await notifier.send(message);
      },
    };
    const first = await createProcess(w);
    const second = await createProcess(w);
    w.runner.start(invitationReactor(w.handler, gatewayDownOnce));
    await eventually(
      async () =>
        (await typesOf(w, first.processId)).includes('SignerInvited') && (await typesOf(w, second.processId)).includes('SignerInvited'),
      3_000,
      'both invited',
    );
    // The failed batch and its retry: each in hand (since the first creation), then nothing in hand.
    const oldest = Date.parse(first.created.metadata.occurredAt);
    expect(told).toEqual([oldest, null, oldest, null]);
  });

  it('sends and records nothing twice when the same event is handled again', async () => {
    const { processId, created } = await createProcess(w);
    await reactor.handle(created);
    await reactor.handle(created);
    expect(await typesOf(w, processId)).toEqual(['SigningProcessCreated', 'SignerInvited']);
    expect(w.outbox.list().length).toBe(1);
  });

  it('after a crash between sending and recording, records the invitation without sending it again', async () => {
    const { processId, created } = await createProcess(w);
    const failing = Object.create(w.handler) as SigningCommandHandler;
    failing.execute = () => Promise.reject(new Error('crash before the record'));
    const crashing = invitationReactor(failing, notifier);
    await expectAsync(crashing.handle(created)).toBeRejected();
    expect(w.outbox.list().length).toBe(1);

    // After a restart the outbox's dedup keys come from its file.
    notifier = new CountingNotifier(new DevOutboxNotifier(w.dir));
    reactor = invitationReactor(w.handler, notifier);
    await reactor.handle(created);
    expect(await typesOf(w, processId)).toEqual(['SigningProcessCreated', 'SignerInvited']);
    expect(readFileSync(w.outbox.file, 'utf8').trim().split('\n').length).toBe(1);
  });

  it('skips an invitation already replaced and sends the new one', async () => {
    const { processId, invitationId } = await createProcess(w);
    const reissuedId = randomUUID();
    const fresh = createInviteToken(processId, { invitationId: reissuedId, secret: SECRET });
    await record(w, processId, MANAGER, {
      type: 'InvitationReissued',
      data: { invitationId: reissuedId, tokenSha256: fresh.tokenSha256, replaces: invitationId, linkRequestedAt: null },
    });
    w.runner.start(reactor);
    await eventually(async () => (await typesOf(w, processId)).includes('SignerInvited'), 3_000, 'SignerInvited');
    await eventually(
      async () => (await w.checkpoints.reactorCheckpoint('invitations')) === (await w.events.headPosition()),
      3_000,
      'checkpoint',
    );
    expect(w.outbox.list().map((m) => m.inviteToken)).toEqual([fresh.token]);
    const invited = (await w.events.readStream(signingStreamName(processId))).filter((e) => e.type === 'SignerInvited');
    expect(invited.map((e) => (e.data as { invitationId: string }).invitationId)).toEqual([reissuedId]);
  });

  it('reads the invitation of a creation stored in v1', async () => {
    const { processId, created } = await createProcess(w);
    const { identificationTries: _tries, ...v1 } = created.data as { identificationTries: number };
    await reactor.handle({ ...created, data: v1, metadata: { ...created.metadata, schemaVersion: 1 } });
    expect(await typesOf(w, processId)).toEqual(['SigningProcessCreated', 'SignerInvited']);
  });

  it('refuses a corrupt creation, naming its stream and revision, and sends nothing', async () => {
    const { processId, created } = await createProcess(w);
    const corrupt = { ...created, data: { ...(created.data as object), invitation: null } };
    await expectAsync(reactor.handle(corrupt)).toBeRejectedWith(
      jasmine.objectContaining({ name: 'CorruptEvent', streamId: signingStreamName(processId), revision: 0, paths: ['data.invitation'] }),
    );
    expect(w.outbox.list()).toEqual([]);
  });

  it('sends nothing for a process that ended before its invitation went out', async () => {
    const { processId, created } = await createProcess(w);
    await record(w, processId, MANAGER, { type: 'SigningCancelled', data: { reason: 'передумали' } });
    await reactor.handle(created);
    expect(w.outbox.list()).toEqual([]);
    expect(await typesOf(w, processId)).toEqual(['SigningProcessCreated', 'SigningCancelled']);
  });
});

describe('ArchiveReactor', () => {
  let w: World;
  let reactor: ArchiveReactor;
  beforeEach(() => {
    w = world();
    reactor = new ArchiveReactor({
      handler: w.handler,
      documents: w.documents,
      archive: w.archive,
      edoAgreements: catalog,
      clock: () => new Date(),
      logger: silent,
    });
  });
  afterEach(() => w.close());

  async function signedProcess(bytes: Buffer[]) {
    const saved = await Promise.all(
      bytes.map((b, i) => w.documents.save({ bytes: b, fileName: `doc-${i}.pdf`, uploadedBy: 'm1', now: new Date() })),
    );
    const docs = saved.map((d) => ({ documentId: d.documentId, sha256: d.sha256 }));
    const process = await createProcess(w, { documentIds: docs });
    return { ...process, docs };
  }

  it('archives the signed documents with a manifest and records DocumentsArchived within 5 s of signing', async () => {
    const contract = Buffer.from('%PDF-1.7 contract');
    const { processId, docs, facts } = await signedProcess([contract, Buffer.from('%PDF-1.7 appendix')]);
    w.runner.start(reactor);
    await eventually(async () => (await w.checkpoints.reactorCheckpoint('archive')) !== null, 3_000, 'the reactor to catch up');

    const signedAt = Date.now();
    const stream = await record(w, processId, signerActor(processId), facts.signed);
    const signed = stream.at(-1)!;
    await eventually(async () => (await typesOf(w, processId)).at(-1) === 'DocumentsArchived', 5_000, 'DocumentsArchived');
    expect(Date.now() - signedAt).toBeLessThan(5_000);

    const archived = (await w.events.readStream(signingStreamName(processId))).at(-1)!;
    expect(archived.metadata.actor).toEqual({ id: 'system:archive', role: 'system' });
    expect(archived.metadata.causationId).toBe(signed.eventId);
    const data = archived.data as { archiveRef: string; documents: { documentId: string; sha256: string; archiveRef: string }[] };
    expect(data.documents.map((d) => d.sha256)).toEqual(docs.map((d) => d.sha256));
    expect(await w.archive.readDocument(data.documents[0]!.archiveRef)).toEqual(contract);
    expect(await w.archive.readManifest(data.archiveRef)).toEqual(
      jasmine.objectContaining({
        processId,
        manifest: jasmine.objectContaining({
          processId,
          signing: jasmine.objectContaining({ eventId: signed.eventId, hash: signed.metadata.hash }),
          edoAgreement: { version: '2026-01', sha256: 'e'.repeat(64) },
          identification: jasmine.objectContaining({ inn: '500100732259' }),
        }),
      }),
    );
  });

  it('archives once when the signing event is handled again, under the same reference', async () => {
    const { processId, facts } = await signedProcess([Buffer.from('%PDF-1.7 a')]);
    const signed = (await record(w, processId, signerActor(processId), facts.signed)).at(-1)!;
    await reactor.handle(signed);
    await reactor.handle(signed);
    expect((await typesOf(w, processId)).filter((t) => t === 'DocumentsArchived').length).toBe(1);
  });

  it('stores the same references again after a crash between storing and recording', async () => {
    const { processId, facts } = await signedProcess([Buffer.from('%PDF-1.7 b')]);
    const signed = (await record(w, processId, signerActor(processId), facts.signed)).at(-1)!;
    const refs: string[] = [];
    const spying = {
      store: async (input: Parameters<FileArchive['store']>[0]) => {
        const r = await w.archive.store(input);
        refs.push(r.archiveRef);
        return r;
      },
    };
    const failing = Object.create(w.handler) as SigningCommandHandler;
    failing.execute = () => Promise.reject(new Error('crash before the record'));
    await expectAsync(
      new ArchiveReactor({
        handler: failing,
        documents: w.documents,
        archive: spying,
        edoAgreements: catalog,
        clock: () => new Date(),
        logger: silent,
      }).handle(signed),
    ).toBeRejected();
    await new ArchiveReactor({
      handler: w.handler,
      documents: w.documents,
      archive: spying,
      edoAgreements: catalog,
      clock: () => new Date(),
      logger: silent,
    }).handle(signed);
    expect(refs.length).toBe(2);
    expect(refs[0]).toBe(refs[1]!);
    expect((await typesOf(w, processId)).at(-1)).toBe('DocumentsArchived');
  });

  it('never archives a document that differs from what was signed, and goes on with the next process', async () => {
    const tampered = await signedProcess([Buffer.from('%PDF-1.7 original')]);
    const wrong = [{ documentId: tampered.docs[0]!.documentId, sha256: sha256Hex('something else') }];
    await record(w, tampered.processId, signerActor(tampered.processId), withData(tampered.facts.signed, { documents: wrong }));
    const fine = await signedProcess([Buffer.from('%PDF-1.7 fine')]);
    await record(w, fine.processId, signerActor(fine.processId), fine.facts.signed);
    w.runner.start(reactor);
    await eventually(async () => (await typesOf(w, fine.processId)).at(-1) === 'DocumentsArchived', 3_000, 'the next process');
    expect((await typesOf(w, tampered.processId)).at(-1)).toBe('DocumentsSigned');
  });
});

describe('ExpiryReactor', () => {
  let w: World;
  beforeEach(() => {
    w = world();
  });
  afterEach(() => w.close());

  const later = () => new Date(Date.now() + 10 * 86_400_000);
  const expiry = (clock: () => Date, intervalMs = 5_000) =>
    new ExpiryReactor({ due: w.due, handler: w.handler, edoAgreements: catalog, clock, logger: silent, intervalMs });
  /** The overdue list, brought up to the log (the expiry sweep reads it). */
  const project = async () => w.due.project(await w.events.readAll());

  it('expires the open deals past their deadline, once, as system:expiry', async () => {
    const overdue = await createProcess(w);
    const ended = await createProcess(w);
    await record(w, ended.processId, MANAGER, ended.facts.cancelled('нет'));
    const notYet = await createProcess(w, { expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    await project();

    const first = await expiry(later).sweep();
    expect(first).toEqual({ expired: 1, refused: 0, failed: 0 });
    const last = (await w.events.readStream(signingStreamName(overdue.processId))).at(-1)!;
    expect(last.type).toBe('SigningExpired');
    expect(last.metadata.actor).toEqual({ id: 'system:expiry', role: 'system' });
    expect((await typesOf(w, ended.processId)).at(-1)).toBe('SigningCancelled');
    expect(await typesOf(w, notYet.processId)).toEqual(['SigningProcessCreated']);

    // The read model has not caught up: it still shows the deal open; the decider refuses.
    expect(await expiry(later).sweep()).toEqual({ expired: 0, refused: 1, failed: 0 });
    expect((await typesOf(w, overdue.processId)).filter((t) => t === 'SigningExpired').length).toBe(1);
  });

  it('sweeps periodically once started', async () => {
    const overdue = await createProcess(w);
    await project();
    const reactor = expiry(later, 20);
    reactor.start();
    try {
      await eventually(async () => (await typesOf(w, overdue.processId)).at(-1) === 'SigningExpired', 3_000, 'SigningExpired');
    } finally {
      await reactor.stop();
    }
  });
});
