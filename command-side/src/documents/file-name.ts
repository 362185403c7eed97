export const DEFAULT_DOCUMENT_FILE_NAME = 'document.pdf';
const MAX_FILE_NAME_LENGTH = 255;
// C0/C1 controls, and the bidi overrides that make `invoice\u202Efdp.exe` display as `invoiceexe.pdf`.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name that is safe to store and to send back in `Content-Disposition`: the last path
 * segment only, no control characters, NFC (macOS sends decomposed Cyrillic «й»), at most 255
 * characters keeping the extension, `document.pdf` when nothing is left.
 */
export function sanitizeFileName(name: string | undefined): string {
  if (name === undefined) return DEFAULT_DOCUMENT_FILE_NAME;
  const lastSegment = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment.replace(UNSAFE_CHARACTERS, '').trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return DEFAULT_DOCUMENT_FILE_NAME;
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_FILE_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? Array.from(cleaned.slice(dot)) : [];
  return chars.slice(0, MAX_FILE_NAME_LENGTH - extension.length).join('') + extension.join('');
}
