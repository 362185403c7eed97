import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { renderCertificatePdf } from './certificate-pdf.js';
import type { TrailVerification } from './chain-verification.js';
import { moscowRu, printable } from './certificate-wording.js';
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
  const signer = printable(pkg.signer);
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
    const stamp = stampLines(pkg, meta.sha256);
    const pages = await copiedPages(copy, document.bytes);
    if (pages.length === 0) drawStamp(placeholderPage(copy, meta, font), stamp, font, bold);
    for (const page of pages) {
      copy.addPage(page);
      drawStamp(page, stamp, font, bold);
    }
  }

  const certificate = await PDFDocument.load(input.certificate);
  for (const page of await copy.copyPages(certificate, certificate.getPageIndices())) copy.addPage(page);
  return copy.save();
}

/** The document's pages copied into the copy; none when they cannot be read (the signed file stays as it is). */
async function copiedPages(copy: PDFDocument, bytes: Uint8Array): Promise<PDFPage[]> {
  try {
    const source = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return await copy.copyPages(source, source.getPageIndices());
  } catch {
    return [];
  }
}

/**
 * A page standing in for a document whose pages cannot be drawn (none, or a PDF the library cannot
 * read), added where its pages would go: the document is still listed, stamped, with the hash of
 * the file that was signed.
 */
function placeholderPage(copy: PDFDocument, meta: { title: string; fileName: string }, font: PDFFont): PDFPage {
  const page = copy.addPage([595.28, 841.89]);
  const text =
    `Документ «${meta.title}» (файл ${meta.fileName}) не удалось отобразить в этой копии. ` +
    'Подписан исходный файл; его SHA-256 указан в штампе ниже и в листе подписания.';
  page.drawText(text, { x: 50, y: 780, size: 11, lineHeight: 16, maxWidth: 495, font, color: rgb(0.1, 0.1, 0.1) });
  return page;
}

/**
 * The stamp: a framed box at the bottom left of the page as it is shown (its crop box, turned by its
 * `/Rotate`), white behind the text so that it stays legible over the page's own content; pages too
 * narrow for it get a smaller stamp.
 */
function drawStamp(page: PDFPage, lines: string[], font: PDFFont, bold: PDFFont): void {
  const box = page.getCropBox();
  const angle = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const turned = angle === 90 || angle === 270;
  const shownWidth = turned ? box.height : box.width;
  // A point of the page as shown (u right, v up from its bottom-left corner) in the page's own space.
  const at = (u: number, v: number): { x: number; y: number } => {
    switch (angle) {
      case 90:
        return { x: box.x + box.width - v, y: box.y + u };
      case 180:
        return { x: box.x + box.width - u, y: box.y + box.height - v };
      case 270:
        return { x: box.x + v, y: box.y + box.height - u };
      default:
        return { x: box.x + u, y: box.y + v };
    }
  };
  const rotate = degrees(angle);

  const widest = Math.max(...lines.map((line, i) => (i === 0 ? bold : font).widthOfTextAtSize(line, STAMP.size)));
  const scale = Math.min(1, (shownWidth - 2 * STAMP.margin) / (widest + 2 * STAMP.pad));
  const size = STAMP.size * scale;
  const leading = STAMP.leading * scale;
  const pad = STAMP.pad * scale;
  const width = widest * scale + 2 * pad;
  const height = lines.length * leading + 2 * pad;
  const blue = rgb(0.09, 0.25, 0.55);
  page.drawRectangle({
    ...at(STAMP.margin, STAMP.margin),
    width,
    height,
    rotate,
    color: rgb(1, 1, 1),
    opacity: 0.92,
    borderColor: blue,
    borderWidth: 0.8,
  });
  lines.forEach((line, i) => {
    const baseline = STAMP.margin + height - pad - (i + 1) * leading + (leading - size) / 2 + scale;
    page.drawText(line, {
      ...at(STAMP.margin + pad, baseline),
      rotate,
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
