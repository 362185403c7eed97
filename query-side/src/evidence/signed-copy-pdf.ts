import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { renderCertificatePdf } from './certificate-pdf.js';
import type { TrailVerification } from './chain-verification.js';
import { moscowRu } from './certificate-wording.js';
import type { EvidencePackage } from './evidence-package.js';

/** One signed document: its bytes as uploaded (their SHA-256 is the one signed). */
export interface SignedDocumentBytes {
  sha256: string;
  bytes: Uint8Array;
}

/** What the signed copy is made of: the evidence package (who, when, which hashes), each document's bytes, the certificate. */
export interface SignedCopyInput {
  pkg: EvidencePackage;
  /** In the order of `pkg.documents`. */
  documents: SignedDocumentBytes[];
  /** The signing certificate (`renderCertificatePdf`), appended after the documents. */
  certificate: Uint8Array;
}

/** The lines of the stamp on each page of a document (also what a spec reads back with pdftotext). */
export function stampLines(pkg: EvidencePackage, sha256: string): string[] {
  const { signer } = pkg;
  const who = signer.companyName !== undefined ? `${signer.fullName}, ${signer.companyName}` : signer.fullName;
  return [
    'Подписано простой электронной подписью',
    `Подписант: ${who}, ИНН ${signer.inn}`,
    `Дата и время подписания: ${pkg.signature ? moscowRu(pkg.signature.signedAt) : '—'}`,
    `SHA-256 документа: ${sha256}`,
    `Процесс подписания: ${pkg.processId}`,
    'Копия для просмотра: подписан исходный файл с указанным SHA-256, штамп в него не входит.',
  ];
}

const fontBytes = (file: string): Buffer => readFileSync(fileURLToPath(new URL(`../../assets/fonts/${file}`, import.meta.url)));

const STAMP = { size: 6.5, leading: 8.2, pad: 4, margin: 10 } as const;

/**
 * The signed copy (API.md, "After signing"): every document of the process, each page carrying a
 * stamp — simple electronic signature, the signer, the time in Moscow, the document's SHA-256, the
 * process — followed by the pages of the signing certificate. A rendering for people to keep: the
 * uploaded files are not changed (the copy is a new PDF that copies their pages), so the hashes that
 * were signed stay those of the uploads, and the stamp says so.
 *
 * `pdf-lib` with `@pdf-lib/fontkit` and the shipped DejaVu Sans: its standard fonts cannot draw
 * Cyrillic. Runs in a worker of the certificate pool (see `PooledCertificateRenderer`).
 */
export async function renderSignedCopyPdf(input: SignedCopyInput): Promise<Uint8Array> {
  const { pkg } = input;
  if (input.documents.length !== pkg.documents.length) throw new Error('the signed copy needs the bytes of every document');
  const copy = await PDFDocument.create();
  copy.registerFontkit(fontkit);
  const font = await copy.embedFont(fontBytes('DejaVuSans.ttf'), { subset: true });
  const bold = await copy.embedFont(fontBytes('DejaVuSans-Bold.ttf'), { subset: true });
  copy.setTitle(`Подписанная копия — ${pkg.title ?? pkg.processId}`);
  copy.setSubject('Копия документов, подписанных простой электронной подписью, с листом подписания');
  copy.setCreator('E-contract');
  copy.setProducer('E-contract');

  for (const [index, meta] of pkg.documents.entries()) {
    const document = input.documents[index]!;
    if (document.sha256 !== meta.sha256) throw new Error(`document ${index + 1} is not the one signed`);
    const source = await PDFDocument.load(document.bytes, { ignoreEncryption: true, updateMetadata: false });
    const pages = await copy.copyPages(source, source.getPageIndices());
    for (const page of pages) {
      copy.addPage(page);
      drawStamp(page, stampLines(pkg, meta.sha256), font, bold);
    }
  }

  const certificate = await PDFDocument.load(input.certificate);
  for (const page of await copy.copyPages(certificate, certificate.getPageIndices())) copy.addPage(page);
  return copy.save();
}

/**
 * The stamp: a framed box at the bottom left of the visible page (its crop box), white behind the
 * text so that it stays legible over the page's own content; smaller pages get a smaller stamp.
 */
function drawStamp(page: PDFPage, lines: string[], font: PDFFont, bold: PDFFont): void {
  const box = page.getCropBox();
  const widest = Math.max(...lines.map((line, i) => (i === 0 ? bold : font).widthOfTextAtSize(line, STAMP.size)));
  const available = box.width - 2 * STAMP.margin;
  const scale = Math.min(1, available / (widest + 2 * STAMP.pad));
  const size = STAMP.size * scale;
  const leading = STAMP.leading * scale;
  const width = (widest + 2 * STAMP.pad) * scale;
  const height = lines.length * leading + 2 * STAMP.pad * scale;
  const x = box.x + STAMP.margin;
  const y = box.y + STAMP.margin;
  const blue = rgb(0.09, 0.25, 0.55);
  page.drawRectangle({ x, y, width, height, color: rgb(1, 1, 1), opacity: 0.92, borderColor: blue, borderWidth: 0.8 });
  lines.forEach((line, i) => {
    page.drawText(line, {
      x: x + STAMP.pad * scale,
      y: y + height - STAMP.pad * scale - (i + 1) * leading + (leading - size) / 2 + 1,
      size,
      font: i === 0 ? bold : font,
      color: i === 0 ? blue : rgb(0.1, 0.1, 0.1),
    });
  });
}

/** The certificate rendered, then the documents stamped and the certificate appended. */
export async function renderSignedCopy(
  pkg: EvidencePackage,
  verification: TrailVerification,
  documents: SignedDocumentBytes[],
): Promise<Uint8Array> {
  const certificate = await renderCertificatePdf(pkg, verification);
  return renderSignedCopyPdf({ pkg, documents, certificate });
}
