import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { repoRoot } from './system-under-test.js';

/** A two-page contract in Russian, as a manager would upload it (DejaVu, shipped with the query side). */
export async function contractPdf(title: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font(join(repoRoot, 'query-side', 'assets', 'fonts', 'DejaVuSans.ttf'));
  doc.fontSize(18).text(title, { align: 'center' }).moveDown();
  doc.fontSize(11);
  for (let i = 1; i <= 12; i++) {
    doc
      .text(`${i}. Исполнитель обязуется оказать услуги, а Заказчик — принять и оплатить их на условиях настоящего договора.`)
      .moveDown(0.5);
  }
  doc.addPage().fontSize(11).text('Подписи сторон: простая электронная подпись (63-ФЗ, ст. 9).');
  doc.end();
  return done;
}
