import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { PROCESS_ID } from '@e-contract/contracts/testing';
import { inlineCertificateRenderer } from './certificate-renderer.js';
import { APPENDIX_SHA, DOCUMENT_SHA, EVIDENCE_PROCESS, dealOf, signedTrail } from './evidence-fixtures.js';
import { SignedCopies, SignedDocumentMissing } from './signed-copies.js';
import { DataDirSignedDocumentFiles, type SignedDocumentFiles } from './signed-document-files.js';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** pdftotext (poppler-utils) reads the PDF's text, page by page (form feeds between pages). */
async function pdfText(pdf: Uint8Array): Promise<string | null> {
  const dir = await mkdtemp(join(tmpdir(), 'signed-copy-'));
  try {
    const file = join(dir, 'copy.pdf');
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

/** An uploaded document: `pages` A4 pages, each saying which it is (Latin only: standard fonts). */
async function uploaded(name: string, pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) doc.addPage([595, 842]).drawText(`${name} page ${i}`, { x: 60, y: 760, size: 14, font });
  return doc.save();
}

/** The fixture's two documents (their recorded hashes) served by these bytes. */
const filesOf = (contract: Uint8Array, appendix: Uint8Array): SignedDocumentFiles => ({
  read: async (hash) => (hash === DOCUMENT_SHA ? Buffer.from(contract) : hash === APPENDIX_SHA ? Buffer.from(appendix) : null),
});

/** Each spec renders a certificate and stamps on this thread, and reads the result with pdftotext: slow on a busy machine. */
const RENDERING = 30_000;

const clock = () => new Date('2026-11-26T09:00:00.000Z');

describe('evidence: signed copy PDF', () => {
  it(
    'stamps every page of every document, then appends the certificate',
    async () => {
      const contract = await uploaded('CONTRACT', 2);
      const appendix = await uploaded('APPENDIX', 1);
      const trail = signedTrail();
      const copies = new SignedCopies({ files: filesOf(contract, appendix), renderer: inlineCertificateRenderer, clock });

      const pdf = await copies.render(dealOf(trail), trail);

      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const doc = await PDFDocument.load(pdf);
      expect(doc.getPageCount()).toBeGreaterThan(3); // 2 + 1 document pages, then the certificate's
      const text = await pdfText(pdf);
      if (text === null) return pending('pdftotext (poppler-utils) is not installed');
      const pages = text.split('\f');
      expect(pages[0]).toContain('CONTRACT page 1');
      expect(pages[1]).toContain('CONTRACT page 2');
      expect(pages[2]).toContain('APPENDIX page 1');
      const { signer } = EVIDENCE_PROCESS.createdData();
      for (const [i, hash] of [DOCUMENT_SHA, DOCUMENT_SHA, APPENDIX_SHA].entries()) {
        const page = pages[i]!;
        expect(page).toContain('Подписано простой электронной подписью');
        expect(page).toContain(signer.fullName);
        expect(page).toContain(`ИНН ${signer.inn}`);
        expect(page).toContain('25.11.2026 11:06:19 МСК'); // signed at 08:06:19 UTC
        expect(page).toContain(`SHA-256 документа: ${hash}`);
        expect(page).toContain(`Процесс подписания: ${PROCESS_ID}`);
        expect(page).toContain('Копия для просмотра');
      }
      expect(pages[3]).toContain('Лист подписания');
    },
    RENDERING,
  );

  it(
    'leaves the uploaded bytes as they were: their SHA-256 is the one signed',
    async () => {
      const contract = await uploaded('CONTRACT', 1);
      const appendix = await uploaded('APPENDIX', 1);
      const before = [sha256(contract), sha256(appendix)];
      const trail = signedTrail();
      const pdf = await new SignedCopies({ files: filesOf(contract, appendix), renderer: inlineCertificateRenderer, clock }).render(
        dealOf(trail),
        trail,
      );
      expect([sha256(contract), sha256(appendix)]).toEqual(before);
      expect(sha256(pdf)).not.toBe(before[0]!);
    },
    RENDERING,
  );

  it(
    'refuses when a signed document is in no store',
    async () => {
      const contract = await uploaded('CONTRACT', 1);
      const trail = signedTrail();
      const files: SignedDocumentFiles = { read: async (hash) => (hash === DOCUMENT_SHA ? Buffer.from(contract) : null) };
      await expectAsync(
        new SignedCopies({ files, renderer: inlineCertificateRenderer, clock }).render(dealOf(trail), trail),
      ).toBeRejectedWithError(SignedDocumentMissing);
    },
    RENDERING,
  );
});

describe('evidence: signed documents under DATA_DIR', () => {
  let dataDir: string;
  beforeEach(async () => (dataDir = await mkdtemp(join(tmpdir(), 'signed-files-'))));
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const put = async (folder: string[], bytes: Uint8Array, name = sha256(bytes)) => {
    const dir = join(dataDir, ...folder, name.slice(0, 2));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, name), bytes);
  };

  it(
    'reads the archive first, then the upload blobs, by SHA-256',
    async () => {
      const archived = Buffer.from('%PDF-1.7 archived');
      const uploadedOnly = Buffer.from('%PDF-1.7 uploaded');
      await put(['archive', 'documents'], archived);
      await put(['blobs'], uploadedOnly);
      const files = new DataDirSignedDocumentFiles(dataDir);
      expect(await files.read(sha256(archived))).toEqual(archived);
      expect(await files.read(sha256(uploadedOnly))).toEqual(uploadedOnly);
      expect(await files.read('0'.repeat(64))).toBeNull();
      expect(await files.read('../../etc/passwd')).toBeNull();
    },
    RENDERING,
  );

  it(
    'refuses a file whose bytes do not hash to its name',
    async () => {
      await put(['blobs'], Buffer.from('changed'), 'a'.repeat(64));
      await expectAsync(new DataDirSignedDocumentFiles(dataDir).read('a'.repeat(64))).toBeRejected();
    },
    RENDERING,
  );
});

describe('evidence: signed copy PDF, odd documents', () => {
  const trail = signedTrail();

  it(
    'stamps a turned page at the bottom left as it is shown, upright',
    async () => {
      const doc = await PDFDocument.create();
      for (const angle of [90, 180, 270]) doc.addPage([595, 842]).setRotation(degrees(angle));
      const turned = await doc.save();
      const appendix = await uploaded('APPENDIX', 1);
      const pdf = await new SignedCopies({ files: filesOf(turned, appendix), renderer: inlineCertificateRenderer, clock }).render(
        dealOf(trail),
        trail,
      );
      const text = await pdfText(pdf);
      if (text === null) return pending('pdftotext (poppler-utils) is not installed');
      for (const page of text.split('\f').slice(0, 3)) expect(page).toContain(`SHA-256 документа: ${DOCUMENT_SHA}`);
      // Upright at the bottom left of each page as shown (pdftotext -bbox: y grows downwards).
      for (const [n, shown] of [
        [1, { width: 842, height: 595 }],
        [2, { width: 595, height: 842 }],
        [3, { width: 842, height: 595 }],
      ] as const) {
        const words = await bboxes(pdf, n);
        const first = words.find((w) => w.word === 'Подписано')!;
        const last = words.find((w) => w.word === 'SHA-256')!;
        expect(first.xMin)
          .withContext(`page ${n}`)
          .toBeLessThan(shown.width * 0.1);
        expect(first.yMin)
          .withContext(`page ${n}`)
          .toBeGreaterThan(shown.height * 0.8);
        expect(last.yMin).withContext(`page ${n}: lines go down`).toBeGreaterThan(first.yMin);
      }
    },
    RENDERING,
  );

  it(
    'stands a page in for a document whose pages cannot be drawn, stamped with its hash',
    async () => {
      const empty = Buffer.from(
        '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
      );
      const appendix = await uploaded('APPENDIX', 1);
      const pdf = await new SignedCopies({ files: filesOf(empty, appendix), renderer: inlineCertificateRenderer, clock }).render(
        dealOf(trail),
        trail,
      );
      const text = await pdfText(pdf);
      if (text === null) return pending('pdftotext (poppler-utils) is not installed');
      const pages = text.split('\f');
      expect(pages[0]!.replace(/\s+/g, ' ')).toContain('не удалось отобразить в этой копии');
      expect(pages[0]).toContain(`SHA-256 документа: ${DOCUMENT_SHA}`);
      expect(pages[1]).toContain('APPENDIX page 1');
    },
    RENDERING,
  );
});

/** The words of page `n` (1-based) with their boxes, as pdftotext -bbox sees the page shown (y down). */
async function bboxes(pdf: Uint8Array, n: number): Promise<{ xMin: number; yMin: number; xMax: number; word: string }[]> {
  const dir = await mkdtemp(join(tmpdir(), 'signed-copy-bbox-'));
  try {
    await writeFile(join(dir, 'copy.pdf'), pdf);
    const { stdout } = await run('pdftotext', ['-bbox', '-f', String(n), '-l', String(n), join(dir, 'copy.pdf'), '-']);
    return [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      word: m[4]!,
    }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
