import { sanitizeFileName } from './file-name.js';

/**
 * File names in HTTP headers. Header values reach Node as latin1 (one char per byte), so a client
 * that puts raw UTF-8 into a header shows up as mojibake; RFC 5987/8187 (`filename*=UTF-8''…`) and
 * URL-encoding are the clean ways, and all three are accepted.
 */

/** `X-File-Name`: URL-encoded UTF-8 (`%D0%94%D0%BE…`); a plain ASCII name passes unchanged. */
export function decodeHeaderFileName(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  // Raw UTF-8 bytes first (they never contain `%`), then the URL-encoding.
  const text = latin1AsUtf8(header);
  try {
    return decodeURIComponent(text);
  } catch {
    // Not URL-encoded after all (e.g. `50%.pdf`).
    return text;
  }
}

/** `Content-Disposition: attachment; filename*=UTF-8''…` (preferred) or `filename="…"`. */
export function contentDispositionFileName(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^';\s]*)'[^']*'([^;\s]*)/i.exec(header);
  if (extended?.[2] !== undefined) {
    const decoded = decodeExtendedValue(extended[1] ?? '', extended[2]);
    if (decoded !== undefined) return decoded;
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(header);
  const value = plain?.[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain?.[2]?.trim();
  return value ? latin1AsUtf8(value) : undefined;
}

/**
 * `attachment; filename*=UTF-8''%D0%94…`: RFC 6266 with RFC 8187 encoding, so Cyrillic survives.
 * An uploaded file is untrusted (a PDF may carry JavaScript): it is downloaded, never shown inline
 * by the browser's own viewer; the web app renders it with pdf.js from the bytes.
 */
export function attachmentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(sanitizeFileName(fileName)).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename*=UTF-8''${encoded}`;
}

function decodeExtendedValue(charset: string, encoded: string): string | undefined {
  try {
    if (/^utf-8$/i.test(charset)) return decodeURIComponent(encoded);
    if (/^iso-8859-1$/i.test(charset)) {
      // Each percent-escaped byte is one latin1 character.
      return encoded.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  } catch {
    // Malformed percent-encoding: fall back to the plain `filename`.
  }
  return undefined;
}

/** Reads a latin1-decoded header value as the UTF-8 bytes it most likely was; leaves real latin1 text alone. */
function latin1AsUtf8(value: string): string {
  // eslint-disable-next-line no-control-regex -- "only one-byte characters" is the test
  if (!/^[\u0000-\u00ff]*$/.test(value) || /^[\u0000-\u007f]*$/.test(value)) return value;
  const decoded = Buffer.from(value, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? value : decoded;
}
