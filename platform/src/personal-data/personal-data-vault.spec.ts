import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ERASED_TEXT,
  EVIDENCE_ACCESS_STREAM,
  isSealedValue,
  signingStreamName,
  systemActor,
  type EventContext,
  type RecordedEvent,
} from '@e-contract/contracts';
import { MasterKey } from './envelope-cipher.js';
import { PersonalDataVault } from './personal-data-vault.js';
import { SqlitePersonKeyStore } from './sqlite-person-key-store.js';

const erasure = { erasedAt: '2026-12-03T10:00:00.000Z', erasedBy: 'admin-1', reason: 'Срок хранения истёк' };
const context = (role: 'manager' | 'signer' | 'system'): EventContext => ({
  actor: role === 'system' ? systemActor('spec') : { id: role === 'signer' ? 'signer:1' : 'm1', role },
  occurredAt: '2026-12-01T10:00:00.000Z',
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0',
  correlationId: null,
  causationId: null,
});
const individual = {
  type: 'individual',
  fullName: 'Иванов Иван Иванович',
  inn: '500100732259',
  phone: '+79161234567',
  email: 'ivanov@example.ru',
};
const company = {
  type: 'legal_entity',
  fullName: 'Петров Пётр Петрович',
  inn: '7707083893',
  phone: '+79161234568',
  email: null,
  companyName: 'ООО «Ромашка»',
};
const created = (signer: object) => ({ type: 'SigningProcessCreated', data: { title: 'Договор', signer }, context: context('manager') });

/** The facts as the store would hand them back: recorded events (revision and metadata filled in). */
const recorded = (streamId: string, facts: { type: string; data: unknown; context: EventContext }[]): RecordedEvent[] =>
  facts.map((fact, revision) => ({
    streamId,
    revision,
    position: String(revision),
    eventId: randomUUID(),
    type: fact.type,
    data: fact.data,
    metadata: { ...fact.context, schemaVersion: 1, prevHash: '', hash: '' },
  }));

describe('personal data: the vault', () => {
  let dir: string;
  let keys: SqlitePersonKeyStore;
  let vault: PersonalDataVault;
  const master = new MasterKey('a master key for the vault spec, long enough');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'e-contract-vault-'));
    keys = SqlitePersonKeyStore.open(join(dir, 'person-keys.sqlite'), master);
    vault = new PersonalDataVault(keys, master);
  });
  afterEach(async () => {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("seals the signer's personal fields and nothing else, and opens them on reading", async () => {
    const stream = signingStreamName(randomUUID());
    const [sealed] = await vault.sealFacts(stream, [created(individual)]);
    const signer = (sealed!.data as { signer: Record<string, unknown> }).signer;
    for (const field of ['fullName', 'inn', 'phone', 'email']) expect(isSealedValue(signer[field])).withContext(field).toBeTrue();
    expect(signer['type']).toBe('individual');
    expect((sealed!.data as { title: string }).title).toBe('Договор');
    expect(sealed!.context.ip).toBe('203.0.113.7'); // a manager's own address is not the signer's data
    expect(JSON.stringify(sealed)).not.toContain('500100732259');

    const [opened] = await vault.openEvents(recorded(stream, [sealed!]));
    expect(opened!.data).toEqual({ title: 'Договор', signer: individual });
    expect(opened!.stored!.data).toEqual(sealed!.data);
  });

  it('opens a value only under the person its envelope names, even once it was opened before', async () => {
    const first = signingStreamName(randomUUID());
    const second = signingStreamName(randomUUID());
    const [ivanov] = await vault.sealFacts(first, [created(individual)]);
    const [petrov] = await vault.sealFacts(second, [created(company)]);
    await vault.openEvents(recorded(first, [ivanov!]));
    // Ivanov's sealed name, claimed for Petrov (whose key exists): it must not open from what was opened before.
    const name = (ivanov!.data as { signer: { fullName: { enc: string; person: string } } }).signer.fullName;
    const otherPerson = (petrov!.data as { signer: { fullName: { person: string } } }).signer.fullName.person;
    const claimed = { ...created(individual), data: { title: 'Договор', signer: { fullName: { enc: name.enc, person: otherPerson } } } };
    const [opened] = await vault.openEvents(recorded(first, [claimed]));
    expect((opened!.data as { signer: { fullName: unknown } }).signer.fullName).toBe(ERASED_TEXT);
  });

  it("seals the address and browser of the signer's own facts, and where their messages went", async () => {
    const stream = signingStreamName(randomUUID());
    const sealed = await vault.sealFacts(stream, [
      created(individual),
      { type: 'SignerInvited', data: { sentTo: [{ channel: 'sms', destination: '+79161234567' }] }, context: context('system') },
      { type: 'IdentificationStarted', data: { requestId: 'r1' }, context: context('signer') },
    ]);
    expect(isSealedValue((sealed[1]!.data as { sentTo: { destination: unknown }[] }).sentTo[0]!.destination)).toBeTrue();
    expect(isSealedValue(sealed[2]!.context.ip)).toBeTrue();
    expect(isSealedValue(sealed[2]!.context.userAgent)).toBeTrue();
    const opened = await vault.openEvents(recorded(stream, sealed));
    expect(opened[2]!.metadata.ip).toBe('203.0.113.7');
    expect(opened[2]!.metadata.userAgent).toBe('Mozilla/5.0');
  });

  it('reads erased fields as the marker (and as {"erased": true} for the trail) once the person is destroyed', async () => {
    const stream = signingStreamName(randomUUID());
    const sealed = await vault.sealFacts(stream, [created(individual)]);
    // Read once before: what was opened then must not outlive the key.
    expect(((await vault.openEvents(recorded(stream, sealed)))[0]!.data as { signer: { fullName: string } }).signer.fullName).toBe(
      individual.fullName,
    );
    const personRef = (await keys.personsOfInn(master.innLookup(individual.inn)))[0]!;
    await keys.destroy([personRef], erasure);
    const [opened] = await vault.openEvents(recorded(stream, sealed));
    expect((opened!.data as { signer: unknown }).signer).toEqual({
      type: 'individual',
      fullName: ERASED_TEXT,
      inn: ERASED_TEXT,
      phone: ERASED_TEXT,
      email: ERASED_TEXT,
    });
    const [plain] = await vault.openForReading([{ data: sealed[0]!.data, ip: null, userAgent: null }]);
    expect((plain!.data as { signer: { fullName: unknown } }).signer.fullName).toEqual({ erased: true });
  });

  it('seals nothing more in a process whose signer was erased, and nothing in one created before sealing', async () => {
    const stream = signingStreamName(randomUUID());
    await vault.sealFacts(stream, [created(individual)]);
    await keys.destroy(await keys.personsOfInn(master.innLookup(individual.inn)), erasure);
    const [late] = await vault.sealFacts(stream, [
      { type: 'SignatureCodeIssued', data: { destination: '+7******4567' }, context: context('signer') },
    ]);
    expect((late!.data as { destination: unknown }).destination).toBe(ERASED_TEXT);

    const legacy = signingStreamName(randomUUID());
    const fact = { type: 'SignatureCodeIssued', data: { destination: '+7******4567' }, context: context('signer') };
    expect(await vault.sealFacts(legacy, [fact])).toEqual([fact]);
  });

  it("seals the director identification names under their own person, erased with the company's signer", async () => {
    const processId = randomUUID();
    const stream = signingStreamName(processId);
    const director = { fullName: 'Петров Пётр Петрович', inn: '773370857141' };
    const sealed = await vault.sealFacts(stream, [
      created(company),
      { type: 'SignerIdentified', data: { requestId: 'r1', person: director }, context: context('system') },
    ]);
    const signerPerson = await keys.processSigner(processId);
    const directorPersons = await keys.personsOfInn(master.innLookup(director.inn));
    expect(directorPersons).toEqual([jasmine.any(String), signerPerson!]);
    const person = (sealed[1]!.data as unknown as { person: { inn: { person: string } } }).person;
    expect(person.inn.person).toBe(directorPersons[0]!);
    expect(isSealedValue((sealed[0]!.data as { signer: { inn: unknown } }).signer.inn)).toBeTrue();
  });

  it("seals a signer's reads of the evidence under their key, and leaves everyone else's as they are", async () => {
    const processId = randomUUID();
    await vault.sealFacts(signingStreamName(processId), [created(individual)]);
    const [bySigner, byAuditor] = await vault.sealFacts(EVIDENCE_ACCESS_STREAM, [
      { type: 'EvidenceAccessed', data: { processId }, context: context('signer') },
      { type: 'EvidenceAccessed', data: { processId }, context: context('manager') },
    ]);
    expect(isSealedValue(bySigner!.context.ip)).toBeTrue();
    expect(byAuditor!.context.ip).toBe('203.0.113.7');
  });

  it("seals a batch's rows under the stream's own key, and forgets them when told", async () => {
    const streamId = `batch-items-${randomUUID()}`;
    const rows = { offset: 0, items: [{ signer: individual }] };
    const [sealed] = await vault.sealFacts(streamId, [{ type: 'BatchItemsRecorded', data: rows, context: context('manager') }]);
    expect(isSealedValue((sealed!.data as { items: unknown }).items)).toBeTrue();
    expect(JSON.stringify(sealed)).not.toContain(individual.inn);
    expect((await vault.openEvents(recorded(streamId, [sealed!])))[0]!.data).toEqual(rows);
    await vault.forgetStream(streamId, erasure);
    await vault.forgetStream(streamId, erasure);
    expect((await vault.openEvents(recorded(streamId, [sealed!])))[0]!.data).toEqual({ offset: 0, items: ERASED_TEXT });
    const [other] = await vault.sealFacts('batch-abc', [{ type: 'BatchAccepted', data: { total: 1 }, context: context('manager') }]);
    expect(other!.data).toEqual({ total: 1 });
  });

  it('finds the signer of a process in its creation when the key store lost that row (it is not synced on every write)', async () => {
    const processId = randomUUID();
    const stream = signingStreamName(processId);
    const [creation] = await vault.sealFacts(stream, [created(individual)]);
    (keys as unknown as { db: { exec(sql: string): void } }).db.exec('DELETE FROM process_signers');
    const afresh = new PersonalDataVault(keys, master);
    const code = { type: 'SignatureCodeIssued', data: { destination: '+7 900 ***-**-67' }, context: context('signer') };
    const [sealed] = await afresh.sealFacts(stream, [code], () => Promise.resolve(recorded(stream, [creation!])[0]!));
    const person = (creation!.data as { signer: { fullName: { person: string } } }).signer.fullName.person;
    expect((sealed!.data as unknown as { destination: { person: string } }).destination.person).toBe(person);
    expect((sealed!.context.ip as unknown as { person: string }).person).toBe(person);
  });
});
