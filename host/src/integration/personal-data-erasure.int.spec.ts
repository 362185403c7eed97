import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ERASED_TEXT, EVIDENCE_ACCESS_STREAM, signingStreamName } from '@e-contract/contracts';
import {
  CONTRACTOR,
  OTHER_PERSON,
  createAndOpen,
  factRecorded,
  identify,
  latestCode,
  login,
  startTestSystem,
  type TestSystem,
} from './api-test-kit.js';

const run = promisify(execFile);
const VERIFY_CLI = fileURLToPath(new URL('../../../query-side/dist/evidence/verify-cli.js', import.meta.url));
/** A personal INN with valid check digits that no process of these specs names. */
const UNKNOWN_INN = '770123456703';
const ERASED = { erased: true };

async function eventually<T>(check: () => Promise<T | null>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Walks a process to its signature. */
async function signWhole(system: TestSystem, manager: string, signer: Record<string, unknown> = {}) {
  const opened = await createAndOpen(system, manager, signer);
  await identify(system, opened.processId, opened.signerToken, CONTRACTOR);
  const edo = await system.call('GET', '/api/edo-agreement', { token: opened.signerToken });
  const accepted = await system.call('POST', `/api/signing-processes/${opened.processId}/edo-agreement/acceptance`, {
    token: opened.signerToken,
    json: { agreementVersion: edo.body.version },
  });
  expect(accepted.status).toBe(200);
  const code = await system.call('POST', `/api/signing-processes/${opened.processId}/signature-code`, { token: opened.signerToken });
  expect(code.status).toBe(202);
  expect(code.body.destination).toBe('+7 900 ***-**-67');
  const signed = await system.call('POST', `/api/signing-processes/${opened.processId}/signature`, {
    token: opened.signerToken,
    json: { code: await latestCode(system) },
  });
  expect(signed.status).toBe(200);
  return opened;
}

/**
 * Issue 12, point 4, through `npm start`'s system (API.md, "Operations": erasure): personal fields
 * are stored sealed and read opened; an admin's erasure after the retention period makes them
 * `{"erased": true}` in the deal, the trail's `plain` and the evidence package, records
 * `PersonalDataErased` with who and why, and every chain still verifies — offline too.
 */
describe('integration: erasable personal data', () => {
  let system: TestSystem;
  let manager: string;
  let admin: string;
  let auditor: string;

  beforeAll(async () => {
    system = await startTestSystem({ PERSONAL_DATA_RETENTION_DAYS: '0' });
    [manager, admin, auditor] = await Promise.all([login(system, 'manager'), login(system, 'admin'), login(system, 'auditor')]);
  }, 30_000);
  afterAll(async () => system.stop());

  /** The text of a PDF the API serves (pdftotext), `null` without poppler-utils. */
  const pdfOf = async (path: string, token: string): Promise<string | null> => {
    const response = await fetch(`${system.running.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).withContext(path).toBe(200);
    const dir = await mkdtemp(join(tmpdir(), 'erasure-pdf-'));
    try {
      await writeFile(join(dir, 'file.pdf'), new Uint8Array(await response.arrayBuffer()));
      return (await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'file.pdf'), '-'], { maxBuffer: 16 * 1024 * 1024 })).stdout;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  const erase = (inn: string, token = admin, reason = 'Цель обработки достигнута, срок хранения истёк') =>
    system.call('POST', '/api/admin/persons/erasure', { token, json: { inn, reason } });

  it('stores personal fields sealed, answers them opened, and erases them after the process ended', async () => {
    const { processId, signerToken } = await signWhole(system, manager, { email: 'morozov@example.ru' });
    await factRecorded(system, processId, 'DocumentsArchived');
    const signerRead = await fetch(`${system.running.url}/api/deals/${processId}/signed-copy`, {
      headers: { authorization: `Bearer ${signerToken}` },
    });
    expect(signerRead.status).toBe(200);

    // Stored: envelopes in the trail's fields, the readable values in `plain`.
    const trail = await system.call('GET', `/api/deals/${processId}/trail`, { token: auditor });
    expect(trail.status).toBe(200);
    const created = trail.body[0];
    expect(created.data.signer.fullName).toEqual({ enc: jasmine.any(String), person: jasmine.any(String) });
    expect(created.plain.data.signer.fullName).toBe(CONTRACTOR.fullName);
    expect(JSON.stringify(trail.body.map((entry: { data: unknown }) => entry.data))).not.toContain(CONTRACTOR.inn);
    const signerFact = trail.body.find((entry: { type: string }) => entry.type === 'DocumentsSigned');
    expect(signerFact.ip).toEqual({ enc: jasmine.any(String), person: jasmine.any(String) });
    expect(signerFact.plain.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    const personRef = created.data.signer.fullName.person as string;
    expect(personRef).not.toContain(CONTRACTOR.inn);

    const erased = await erase(CONTRACTOR.inn);
    expect(erased.status).toBe(202);
    expect(erased.body).toEqual({ personRef, erasedFacts: jasmine.any(Number), notErasable: [] });
    expect(erased.body.erasedFacts).toBeGreaterThanOrEqual(6);

    // The fact, with who and why; the chain as it was, plus that fact.
    const events = await system.running.eventStore.readStream(signingStreamName(processId));
    const fact = events.at(-1)!;
    expect(fact.type).toBe('PersonalDataErased');
    expect(fact.data).toEqual({ personRef, reason: 'Цель обработки достигнута, срок хранения истёк', erasedBy: jasmine.any(String) });
    expect(fact.metadata.actor.role).toBe('admin');
    const verification = await system.call('GET', `/api/deals/${processId}/trail/verification`, { token: auditor });
    expect(verification.body).toEqual(jasmine.objectContaining({ valid: true, events: events.length }));

    // Reads: erased everywhere a readable value was.
    const after = await system.call('GET', `/api/deals/${processId}/trail`, { token: auditor });
    expect(after.body[0].data).toEqual(created.data); // stored as hashed
    expect(after.body[0].plain.data.signer).toEqual(
      jasmine.objectContaining({ fullName: ERASED, inn: ERASED, phone: ERASED, email: ERASED }),
    );
    const deal = await eventually(async () => {
      const answer = await system.call('GET', `/api/deals/${processId}`, { token: manager });
      return answer.body.signer?.fullName?.erased ? answer.body : null;
    }, 'the deal masked');
    expect(deal.signer).toEqual(jasmine.objectContaining({ fullName: ERASED, inn: ERASED, phone: ERASED }));
    expect(deal.status).toBe('archived');

    const pkg = await system.call('GET', `/api/deals/${processId}/evidence`, { token: auditor });
    expect(pkg.status).toBe(200);
    expect(pkg.body.signer).toEqual(jasmine.objectContaining({ fullName: ERASED, inn: ERASED }));
    expect(pkg.body.identification.person).toEqual({ fullName: ERASED, inn: ERASED });
    expect(pkg.body.signature.ip).toEqual(ERASED);
    expect(pkg.body.erasures).toEqual([
      {
        personRef,
        erasedAt: fact.metadata.occurredAt,
        erasedBy: (fact.data as { erasedBy: string }).erasedBy,
        reason: (fact.data as { reason: string }).reason,
      },
    ]);
    const text = JSON.stringify(pkg.body);
    for (const personal of [CONTRACTOR.fullName, CONTRACTOR.inn, '79001234567', 'morozov@example.ru']) expect(text).not.toContain(personal);

    // Offline: the saved package verifies and prints no personal field.
    const dir = await mkdtemp(join(tmpdir(), 'erasure-it-'));
    try {
      await writeFile(join(dir, 'evidence.json'), text);
      const { stdout } = await run(process.execPath, [VERIFY_CLI, join(dir, 'evidence.json')]);
      expect(stdout).toContain('verdict: VALID');
      expect(stdout).toContain(personRef);
      for (const personal of [CONTRACTOR.fullName, CONTRACTOR.inn]) expect(stdout).not.toContain(personal);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // The signer's own reads of the evidence are erased with them.
    const reads = (await system.running.eventStore.readStream(EVIDENCE_ACCESS_STREAM)).filter(
      (event) => (event.data as { processId?: string }).processId === processId && event.metadata.actor.role === 'signer',
    );
    expect(reads.length).toBe(1);
    expect(reads[0]!.metadata.ip).toBe(ERASED_TEXT);
    expect(reads[0]!.metadata.userAgent).toBe(ERASED_TEXT);

    // Once is enough: a second erasure answers the same and records nothing.
    const again = await erase(CONTRACTOR.inn);
    expect(again.status).toBe(202);
    expect(again.body.personRef).toBe(personRef);
    expect((await system.running.eventStore.readStream(signingStreamName(processId))).length).toBe(events.length);

    // A new process of the same person is sealed under a new key and reads in full.
    const next = await createAndOpen(system, manager);
    const nextTrail = await system.call('GET', `/api/deals/${next.processId}/trail`, { token: auditor });
    expect(nextTrail.body[0].plain.data.signer.fullName).toBe(CONTRACTOR.fullName);
    expect(nextTrail.body[0].data.signer.fullName.person).not.toBe(personRef);

    // The certificate and the signed copy say what was erased, when and by whom.
    const certificate = await pdfOf(`/api/deals/${processId}/evidence?format=pdf`, auditor);
    const copy = await pdfOf(`/api/deals/${processId}/signed-copy`, auditor);
    if (certificate === null || copy === null) return pending('pdftotext (poppler-utils) is not installed');
    for (const text of [certificate, copy]) {
      expect(text).toContain('«удалено»');
      expect(text).toContain('Удаление персональных данных');
      expect(text).toContain('Цель обработки достигнута, срок хранения истёк');
      expect(text).not.toContain(CONTRACTOR.fullName);
      expect(text).not.toContain(CONTRACTOR.inn);
    }
    expect(copy).toContain('Подписант: «удалено», ИНН «удалено»');
  });

  it('refuses while a process is open (409, naming it), then erases once it was cancelled', async () => {
    const { processId } = await createAndOpen(system, manager, {
      fullName: OTHER_PERSON.fullName,
      inn: OTHER_PERSON.inn,
      phone: '+79005550101',
    });
    const refused = await erase(OTHER_PERSON.inn);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toEqual(jasmine.objectContaining({ processId }));
    expect(
      (await system.running.eventStore.readStream(signingStreamName(processId))).some((e) => e.type === 'PersonalDataErased'),
    ).toBeFalse();

    const cancelled = await system.call('POST', `/api/signing-processes/${processId}/cancel`, {
      token: manager,
      json: { reason: 'Договор не нужен' },
    });
    expect(cancelled.status).toBe(200);
    expect((await erase(OTHER_PERSON.inn)).status).toBe(202);
  });

  it('finds in the log the processes the key store lost in a crash (its stream list is not synced on each write)', async () => {
    const person = { fullName: 'Лебедев Павел Андреевич', inn: '770198765434', phone: '+79005550202' };
    const { processId } = await createAndOpen(system, manager, person);
    expect(
      (await system.call('POST', `/api/signing-processes/${processId}/cancel`, { token: manager, json: { reason: 'Отозван' } })).status,
    ).toBe(200);
    // What a crash may take: the rows that say which process and which streams the person is in (the key stays).
    const keyStore = (system.running.eventStore as unknown as { personalData: { store: { db: { exec(sql: string): void } } } }).personalData
      .store;
    keyStore.db.exec('DELETE FROM person_streams; DELETE FROM process_signers');

    const erased = await erase(person.inn);
    expect(erased.status).toBe(202);
    expect(erased.body.erasedFacts).toBeGreaterThanOrEqual(1);
    const trail = await system.call('GET', `/api/deals/${processId}/trail`, { token: auditor });
    expect(trail.body[0].plain.data.signer).toEqual(jasmine.objectContaining({ fullName: ERASED, inn: ERASED, phone: ERASED }));
    expect(trail.body.at(-1).type).toBe('PersonalDataErased');
  });

  it('answers 404 for a person never held, 400 naming the field for a bad INN or reason, 403 to a manager', async () => {
    const unknown = await erase(UNKNOWN_INN);
    expect(unknown.status).toBe(404);
    const badInn = await erase('7707083893');
    expect(badInn.status).toBe(400);
    expect(JSON.stringify(badInn.body)).toContain('inn');
    const badReason = await erase(CONTRACTOR.inn, admin, '   ');
    expect(badReason.status).toBe(400);
    expect(JSON.stringify(badReason.body)).toContain('reason');
    expect((await erase(CONTRACTOR.inn, manager)).status).toBe(403);
    expect((await system.call('POST', '/api/admin/persons/erasure', { json: { inn: CONTRACTOR.inn, reason: 'x' } })).status).toBe(401);
  });
});

describe('integration: erasure inside the retention period', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ PERSONAL_DATA_RETENTION_DAYS: '30' });
  }, 30_000);
  afterAll(async () => system.stop());

  it('is refused with 409 and the date it becomes possible', async () => {
    const manager = await login(system, 'manager');
    const admin = await login(system, 'admin');
    const { processId } = await createAndOpen(system, manager);
    expect(
      (await system.call('POST', `/api/signing-processes/${processId}/cancel`, { token: manager, json: { reason: 'Ошибка в реквизитах' } }))
        .status,
    ).toBe(200);
    const refused = await system.call('POST', '/api/admin/persons/erasure', {
      token: admin,
      json: { inn: CONTRACTOR.inn, reason: 'Просьба субъекта' },
    });
    expect(refused.status).toBe(409);
    const erasableFrom = Date.parse(refused.body.erasableFrom as string);
    expect(erasableFrom - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(erasableFrom - Date.now()).toBeLessThan(31 * 86_400_000);
    const trail = await system.running.eventStore.readStream(signingStreamName(processId));
    expect(trail.some((event) => event.type === 'PersonalDataErased')).toBeFalse();
    expect((trail[0]!.data as { signer: { fullName: string } }).signer.fullName).toBe(CONTRACTOR.fullName);
  });
});
