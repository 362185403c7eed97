import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseEvidencePackage, verifyEvidencePackage } from '@e-contract/query-side';
import { createAndOpen, identify, latestCode, login, startTestSystem, type TestSystem } from './api-test-kit.js';

const run = promisify(execFile);
const ROMASHKA = {
  type: 'legal_entity',
  inn: '7709012344',
  fullName: 'Иванов Иван Иванович',
  companyName: 'ООО «Ромашка»',
  phone: '+79001112233',
};
const DIRECTOR = { fullName: 'Иванов Иван Иванович', inn: '770901234505', confirmed: true };

/** The read side's "Done when", through the HTTP API of the whole system (npm start's composition). */
describe('integration: the read side through the HTTP API', () => {
  let system: TestSystem;
  let manager: string;
  let auditor: string;
  let signed: { processId: string; sha256: string; signerToken: string; signedPosition: string };
  let archivedWithinMs: number | null;

  beforeAll(async () => {
    system = await startTestSystem();
    manager = await login(system, 'manager');
    auditor = await login(system, 'auditor');
    const opened = await createAndOpen(system, manager, ROMASHKA);
    await identify(system, opened.processId, opened.signerToken, DIRECTOR);
    const edo = await system.call('GET', '/api/edo-agreement', { token: opened.signerToken });
    await system.call('POST', `/api/signing-processes/${opened.processId}/edo-agreement/acceptance`, {
      token: opened.signerToken,
      json: { agreementVersion: edo.body.version },
    });
    await system.call('POST', `/api/signing-processes/${opened.processId}/signature-code`, { token: opened.signerToken });
    const code = await latestCode(system, ROMASHKA.phone);
    const answer = await system.call('POST', `/api/signing-processes/${opened.processId}/signature`, {
      token: opened.signerToken,
      json: { code },
    });
    expect(answer.status).toBe(200);
    signed = { processId: opened.processId, sha256: opened.sha256, signerToken: opened.signerToken, signedPosition: answer.body.position };
    archivedWithinMs = await msUntilArchived(opened.processId, 5000);
  });
  afterAll(() => system.stop());

  const deal = (processId: string, token = manager, headers: Record<string, string> = {}) =>
    system.call('GET', `/api/deals/${processId}`, { token, headers });

  async function msUntilArchived(processId: string, limitMs: number): Promise<number | null> {
    const started = Date.now();
    while (Date.now() - started < limitMs) {
      if ((await deal(processId)).body.status === 'archived') return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return null;
  }

  it('archives a signed deal by itself within 5 seconds', async () => {
    expect(archivedWithinMs).not.toBeNull();
    const archived = await deal(signed.processId);
    expect(archived.body.status).toBe('archived');
    expect(archived.body.timeline.archived).toMatch(/Z$/);
  });

  it("reads its own writes: with X-Min-Position a read shows the command's effect at once", async () => {
    const opened = await createAndOpen(system, manager);
    const cancel = await system.call('POST', `/api/signing-processes/${opened.processId}/cancel`, {
      token: manager,
      json: { reason: 'ошибка в реквизитах' },
    });
    const read = await deal(opened.processId, manager, { 'x-min-position': cancel.body.position });
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('cancelled');
    expect(BigInt(read.body.position) >= BigInt(cancel.body.position)).toBeTrue();
  });

  it('finds the deal by INN, INN prefix and company name, and keeps it from another branch', async () => {
    for (const q of ['7709012344', '770901', 'Ромашка', 'ромашка']) {
      const found = await system.call('GET', `/api/deals?q=${encodeURIComponent(q)}`, {
        token: manager,
        headers: { 'x-min-position': signed.signedPosition },
      });
      expect(found.body.items.map((d: { processId: string }) => d.processId))
        .withContext(q)
        .toContain(signed.processId);
    }
    const otherBranch = await login(system, 'manager2');
    const list = await system.call('GET', '/api/deals?q=7709012344', { token: otherBranch });
    expect(list.body.items).toEqual([]);
    expect((await deal(signed.processId, otherBranch)).status).toBe(404);
  });

  it('pushes a new deal on the SSE stream within a second', async () => {
    const list = await system.call('GET', '/api/deals?pageSize=1', { token: manager });
    const controller = new AbortController();
    const response = await fetch(`${system.running.url}/api/deals/stream?after=${list.body.position}&access_token=${manager}`, {
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const started = Date.now();
    const created = createAndOpen(system, manager);
    const { processId } = await created;
    let text = '';
    while (!text.includes(processId)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toMatch(/^id: \d+$/m);
    expect(text).toMatch(/^event: deal$/m);
    expect(text).toContain(processId);
    expect(Date.now() - started).toBeLessThan(3000); // includes the upload and the invitation round trip
  });

  it('keeps every fact in the trail with hashes an independent implementation recomputes', async () => {
    const trail = await system.call('GET', `/api/deals/${signed.processId}/trail`, { token: auditor });
    const types = (trail.body as { type: string }[]).map((e) => e.type);
    expect(types).toEqual([
      'SigningProcessCreated',
      'SignerInvited',
      'IdentificationStarted',
      'SignerIdentified',
      'EdoAgreementAccepted',
      'SignatureCodeIssued',
      'DocumentsSigned',
      'DocumentsArchived',
    ]);
    let prevHash = '0'.repeat(64);
    for (const entry of trail.body as Record<string, unknown>[]) {
      const body = {
        streamId: entry['streamId'],
        revision: entry['revision'],
        type: entry['type'],
        occurredAt: entry['occurredAt'],
        actor: entry['actor'],
        ip: entry['ip'],
        userAgent: entry['userAgent'],
        correlationId: entry['correlationId'],
        causationId: entry['causationId'],
        data: entry['data'],
      };
      expect(entry['prevHash']).toBe(prevHash);
      const hash = createHash('sha256')
        .update(`${prevHash}\n${canonical(body)}`, 'utf8')
        .digest('hex');
      expect(entry['hash']).withContext(String(entry['type'])).toBe(hash);
      prevHash = hash;
    }
    const verification = await system.call('GET', `/api/deals/${signed.processId}/trail/verification`, { token: auditor });
    expect(verification.body).toEqual(jasmine.objectContaining({ valid: true, events: 8, head: prevHash }));
  });

  it("lists the signed process in the signer's cabinet and counts it in the stats", async () => {
    const cabinet = await system.call('GET', '/api/cabinet/documents', { token: signed.signerToken });
    expect(cabinet.body.signed.map((d: { processId: string }) => d.processId)).toContain(signed.processId);
    const stats = await system.call('GET', '/api/stats', { token: auditor });
    expect(stats.body.total).toBeGreaterThanOrEqual(1);
    expect(stats.body.byStatus.archived).toBeGreaterThanOrEqual(1);
    expect(stats.body.timeToSign.median).toEqual(jasmine.any(Number));
  });

  it('names the document hash, the EDO hash and the chain head in the evidence package and the certificate; a tampered package fails', async () => {
    const evidence = await system.call('GET', `/api/deals/${signed.processId}/evidence`, { token: auditor });
    expect(evidence.body.documents[0].sha256).toBe(signed.sha256);
    expect(evidence.body.edoAgreement.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(evidence.body.chain).toEqual({ algorithm: 'sha256-jcs', head: jasmine.stringMatching(/^[0-9a-f]{64}$/), length: 8 });
    expect(verifyEvidencePackage(parseEvidencePackage(JSON.stringify(evidence.body))).valid).toBeTrue();

    const changed = JSON.parse(JSON.stringify(evidence.body));
    changed.events[3].data.person.fullName = 'Иванов Иван Ивановиx';
    expect(verifyEvidencePackage(parseEvidencePackage(JSON.stringify(changed))).valid).toBeFalse();
    const cut = JSON.parse(JSON.stringify(evidence.body));
    cut.events.pop();
    expect(verifyEvidencePackage(parseEvidencePackage(JSON.stringify(cut))).valid).toBeFalse();

    const pdf = await fetch(`${system.running.url}/api/deals/${signed.processId}/evidence?format=pdf`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'e-contract-certificate-'));
    try {
      const file = join(dir, 'certificate.pdf');
      writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
      const text = await run('pdftotext', ['-enc', 'UTF-8', file, '-']).then(
        (r) => r.stdout,
        () => null,
      );
      if (text === null) return pending('pdftotext (poppler-utils) is not installed');
      const flat = text.replace(/\s+/g, '');
      for (const hash of [signed.sha256, evidence.body.edoAgreement.sha256, evidence.body.chain.head]) expect(flat).toContain(hash);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** RFC 8785 written from scratch for this spec: sorted keys, ECMAScript number and string forms. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
    .join(',')}}`;
}
