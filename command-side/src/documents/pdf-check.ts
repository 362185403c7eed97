/**
 * A cheap "is this a PDF" test for uploads: the header `%PDF-` within the first 1024 bytes (readers
 * tolerate junk before it, as PDF 1.7 Annex H notes) and `%%EOF` within the last 1024 bytes (a
 * truncated upload lacks it). It does not parse the file: what is signed is the bytes, as uploaded.
 */
const HEADER = Buffer.from('%PDF-', 'latin1');
const TRAILER = Buffer.from('%%EOF', 'latin1');
const WINDOW = 1024;

export function looksLikePdf(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = buffer.subarray(0, WINDOW + HEADER.length).indexOf(HEADER);
  if (header < 0) return false;
  // The trailer must come after the header, so `%PDF-` … `%%EOF` cannot be the same few bytes.
  const tailStart = Math.max(buffer.length - WINDOW, header + HEADER.length);
  return buffer.subarray(tailStart).indexOf(TRAILER) >= 0;
}
