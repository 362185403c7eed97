import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { EVIDENCE_ACCESS_STREAM } from '@e-contract/contracts';
import {
  CONTRACTOR,
  identify,
  invitationFor,
  invitationRecorded,
  latestCode,
  login,
  requestBody,
  startTestSystem,
  uploadPdf,
  type TestSystem,
} from './api-test-kit.js';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const PHONE = '+79001234567';
const EMAIL = 'morozov@example.ru';

async function pdfText(pdf: Uint8Array): Promise<string | null> {
  const dir = await mkdtemp(join(tmpdir(), 'signed-copy-it-'));
  try {
    await writeFile(join(dir, 'copy.pdf'), pdf);
    return (await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'copy.pdf'), '-'], { maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function twoPagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const n of [1, 2]) doc.addPage([595, 842]).drawText(`Contract GPH 42, page ${n}`, { x: 60, y: 760, size: 14, font });
  return doc.save();
}

/**
 * The signed copy over HTTP through `npm start`'s system (API.md, "After signing"): 409 before
 * signing; after it, the PDF for whoever may read the deal (404 for another branch), the stamp
 * readable in it, the uploaded document's bytes and hash unchanged, every read recorded as
 * `EvidenceAccessed`, and the signed notice in the outbox (SMS with the invitation's link, e-mail
 * with the copy attached).
 */
describe('integration: the signed copy and the signed notice', () => {
  let system: TestSystem;
  let manager: string;

  beforeAll(async () => {
    system = await startTestSystem();
    manager = await login(system, 'manager');
  }, 30_000);
  afterAll(async () => system.stop());

  const download = (processId: string, token: string, headers: Record<string, string> = {}) =>
    fetch(`${system.running.url}/api/deals/${processId}/signed-copy`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  it('is refused before signing, then served to the branch, auditors, admins and the signer, and recorded', async () => {
    const original = await twoPagePdf();
    const { documentId, sha256: uploadedSha } = await uploadPdf(system, manager, original);
    expect(uploadedSha).toBe(sha256(original));
    const created = await system.call('POST', '/api/signing-processes', {
      token: manager,
      json: requestBody(documentId, { email: EMAIL }),
    });
    expect(created.status).toBe(201);
    const processId = created.body.processId as string;
    const inviteToken = await invitationFor(system, PHONE, processId);
    await invitationRecorded(system, processId);
    const signer = (await system.call('POST', '/api/signer/session', { json: { inviteToken } })).body.token as string;

    expect((await download(processId, manager)).status).toBe(409);

    await identify(system, processId, signer, CONTRACTOR);
    const edo = await system.call('GET', '/api/edo-agreement', { token: signer });
    await system.call('POST', `/api/signing-processes/${processId}/edo-agreement/acceptance`, {
      token: signer,
      json: { agreementVersion: edo.body.version },
    });
    expect((await system.call('POST', `/api/signing-processes/${processId}/signature-code`, { token: signer })).status).toBe(202);
    const signed = await system.call('POST', `/api/signing-processes/${processId}/signature`, {
      token: signer,
      json: { code: await latestCode(system, PHONE) },
    });
    expect(signed.status).toBe(200);
    const caughtUp = { 'x-min-position': String(signed.body.position) };

    const [auditor, admin, otherManager] = await Promise.all([login(system, 'auditor'), login(system, 'admin'), login(system, 'manager2')]);
    expect((await download(processId, otherManager, caughtUp)).status).toBe(404);
    let copy: Uint8Array | null = null;
    for (const [who, token] of Object.entries({ manager, auditor, admin, signer })) {
      const response = await download(processId, token, caughtUp);
      expect(response.status).withContext(who).toBe(200);
      expect(response.headers.get('content-type')).withContext(who).toBe('application/pdf');
      copy = new Uint8Array(await response.arrayBuffer());
    }

    const text = await pdfText(copy!);
    if (text === null) return pending('pdftotext (poppler-utils) is not installed');
    const pages = text.split('\f');
    for (const page of pages.slice(0, 2)) {
      expect(page).toContain('Подписано простой электронной подписью');
      expect(page).toContain(CONTRACTOR.fullName);
      expect(page).toMatch(/\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d МСК/);
      expect(page).toContain(`SHA-256 документа: ${uploadedSha}`);
      expect(page).toContain(`Процесс подписания: ${processId}`);
    }
    expect(pages[0]).toContain('Contract GPH 42, page 1');
    expect(pages[1]).toContain('Contract GPH 42, page 2');
    expect(pages[2]).toContain('Лист подписания');

    // The signed object is the upload: its bytes and hash as they were.
    const stored = await fetch(`${system.running.url}/api/documents/${documentId}`, { headers: { authorization: `Bearer ${manager}` } });
    expect(sha256(new Uint8Array(await stored.arrayBuffer()))).toBe(uploadedSha);
    const deal = await system.call('GET', `/api/deals/${processId}`, { token: auditor });
    expect(deal.body.documents[0].sha256).toBe(uploadedSha);

    const accesses = (await system.running.eventStore.readStream(EVIDENCE_ACCESS_STREAM)).filter(
      (e) => (e.data as { processId: string }).processId === processId,
    );
    expect(accesses.map((e) => [(e.data as { resource: string }).resource, e.metadata.actor.role])).toEqual([
      ['signed_copy', 'manager'],
      ['signed_copy', 'auditor'],
      ['signed_copy', 'admin'],
      ['signed_copy', 'signer'],
    ]);

    // The signed notice: once per channel, with the invitation's link; the e-mail carries the copy.
    const notices = await eventually(async () => {
      const outbox = [
        ...(await system.call('GET', `/api/dev/outbox?to=${encodeURIComponent(PHONE)}`)).body,
        ...(await system.call('GET', `/api/dev/outbox?to=${encodeURIComponent(EMAIL)}`)).body,
      ] as { kind: string; channel: string; link?: string; text: string; attachments?: { contentType: string; size: number }[] }[];
      const found = outbox.filter((m) => m.kind === 'signed_notice' && m.link?.endsWith(`/sign/${inviteToken}`));
      return found.length === 2 ? found : null;
    });
    const sms = notices.find((m) => m.channel === 'sms')!;
    const email = notices.find((m) => m.channel === 'email')!;
    expect(sms.text).toContain('Документы подписаны');
    expect(sms.text).toContain(sms.link!);
    expect(email.attachments).toEqual([
      jasmine.objectContaining({ fileName: `signed-copy-${processId}.pdf`, contentType: 'application/pdf' }),
    ]);
    expect(email.attachments![0]!.size).toBeGreaterThan(1000);
  }, 60_000);
});

async function eventually<T>(check: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
