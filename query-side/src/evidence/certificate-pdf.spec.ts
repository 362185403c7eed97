import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PERSON } from '@e-contract/contracts/testing';
import { renderCertificatePdf } from './certificate-pdf.js';
import { verifyTrail } from './chain-verification.js';
import { buildEvidencePackage } from './evidence-package.js';
import { APPENDIX_SHA, DOCUMENT_SHA, EDO, EVIDENCE_PROCESS, SIGNER_IP, dealOf, extendTrail, signedTrail } from './evidence-fixtures.js';

const run = promisify(execFile);

/** pdftotext (poppler-utils) reads the PDF's text; without it the text checks are pending. */
async function pdfText(pdf: Buffer): Promise<string | null> {
  const dir = await mkdtemp(join(tmpdir(), 'certificate-'));
  try {
    const file = join(dir, 'certificate.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const render = async (trail = signedTrail()) => {
  const pkg = buildEvidencePackage(dealOf(trail), trail, '2026-11-25T21:30:00.000Z');
  return { pkg, pdf: await renderCertificatePdf(pkg, verifyTrail(trail)) };
};

describe('evidence: certificate PDF', () => {
  it('is a PDF', async () => {
    const { pdf } = await render();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('states in Russian the full document hashes, the EDO agreement hash, the chain head and the 63-FZ statement', async () => {
    const { pkg, pdf } = await render();
    const text = await pdfText(pdf);
    if (text === null) return pending('pdftotext (poppler-utils) is not installed');
    for (const hash of [DOCUMENT_SHA, APPENDIX_SHA, EDO.sha256, pkg.chain.head]) expect(text).withContext(hash).toContain(hash);
    expect(text).toContain('Лист подписания');
    expect(text).toContain('простой электронной подписью');
    expect(text).toContain(PERSON.fullName);
    expect(text).toContain(PERSON.inn);
    expect(text).toContain('+7 900 ***-**-67');
    expect(text).toContain(SIGNER_IP);
    expect(text).toContain('req-7c41');
    expect(text).toMatch(/статьи\s+6/);
    expect(text).toContain('63-ФЗ');
    expect(text).toContain('25.11.2026 08:06:19 UTC');
    expect(text).withContext('Moscow time, UTC+3').toContain('25.11.2026 11:06:19 МСК');
    expect(text).toContain('Документы подписаны ПЭП');
    expect(text).toMatch(/Страница 1 из \d/);
  });

  it('says when the EDO acceptance was reused from an earlier process', async () => {
    const trail = extendTrail(signedTrail(4), [EVIDENCE_PROCESS.edoReused('a1b2c3d4-0000-4000-8000-000000000001', 6)]);
    const text = await pdfText((await render(trail)).pdf);
    if (text === null) return pending('pdftotext (poppler-utils) is not installed');
    expect(text).toContain('a1b2c3d4-0000-4000-8000-000000000001');
    expect(text).toContain('перенесено');
  });

  it('does not claim a signature for a process that is not signed', async () => {
    const text = await pdfText((await render(signedTrail(6))).pdf);
    if (text === null) return pending('pdftotext (poppler-utils) is not installed');
    expect(text).toContain('не подписаны');
    expect(text).not.toContain('равнозначны документам');
  });

  it('flows a long trail over numbered pages and names a broken chain', async () => {
    const rejections = Array.from({ length: 70 }, (_, i) => EVIDENCE_PROCESS.codeRejected(i % 3));
    const trail = structuredClone(extendTrail(signedTrail(), rejections));
    trail[3]!.ip = '192.0.2.99';
    const text = await pdfText((await render(trail)).pdf);
    if (text === null) return pending('pdftotext (poppler-utils) is not installed');
    const pages = [...text.matchAll(/Страница (\d+) из (\d+)/g)];
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.map((m) => m[1])).toEqual(pages.map((_, i) => String(i + 1)));
    expect(new Set(pages.map((m) => m[2]))).toEqual(new Set([String(pages.length)]));
    expect(text).toContain('ЦЕПОЧКА НАРУШЕНА на событии № 3');
  });

  it('prints erased personal fields as «удалено» and states who erased them, when and why', async () => {
    const { pkg } = await render();
    const erased = { erased: true } as unknown as string;
    const stated = {
      ...pkg,
      signer: { ...pkg.signer, fullName: erased, inn: erased },
      identification: pkg.identification && { ...pkg.identification, person: { fullName: erased, inn: erased } },
      signature: pkg.signature && { ...pkg.signature, ip: erased, userAgent: erased },
      erasures: [
        {
          personRef: 'c0ffee00-0000-4000-8000-000000000001',
          erasedAt: '2031-12-01T09:00:00.000Z',
          erasedBy: 'admin-7',
          reason: 'Срок хранения истёк',
        },
      ],
    };
    const text = await pdfText(await renderCertificatePdf(stated, verifyTrail(signedTrail())));
    if (text === null) return pending('pdftotext (poppler-utils) is not installed');
    expect(text).not.toContain(PERSON.fullName);
    expect(text).not.toContain(PERSON.inn);
    expect(text).not.toContain(SIGNER_IP);
    expect(text).not.toContain('[object Object]');
    expect(text.match(/«удалено»/g)?.length).toBeGreaterThanOrEqual(5);
    expect(text).toContain('Удаление персональных данных');
    expect(text).toContain('01.12.2031 09:00:00 UTC');
    expect(text).toContain('admin-7');
    expect(text).toContain('Срок хранения истёк');
    expect(text).toContain('c0ffee00-0000-4000-8000-000000000001');
  });
});
