import { sanitizeFileName } from './file-name.js';
import { contentDispositionFileName, decodeHeaderFileName, attachmentDisposition } from './http-file-names.js';

describe('Document file names', () => {
  it('keeps only a safe last path segment', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\ivan\\Договор.pdf')).toBe('Договор.pdf');
    expect(sanitizeFileName('act\u0000\r\n.pdf')).toBe('act.pdf');
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    for (const empty of [undefined, '', '   ', '..', 'dir/', '\u0007']) {
      expect(sanitizeFileName(empty)).withContext(String(empty)).toBe('document.pdf');
    }
  });

  it('composes decomposed Cyrillic and cuts long names to 255 characters keeping the extension', () => {
    expect(sanitizeFileName('и\u0306.pdf')).toBe('й.pdf');
    const long = sanitizeFileName(`${'Я'.repeat(300)}.pdf`);
    expect(Array.from(long).length).toBe(255);
    expect(long.endsWith('Я.pdf')).toBeTrue();
  });

  it('reads X-File-Name URL-encoded, plain, or as raw UTF-8 bytes', () => {
    expect(decodeHeaderFileName(encodeURIComponent('Акт №5.pdf'))).toBe('Акт №5.pdf');
    expect(decodeHeaderFileName('act.pdf')).toBe('act.pdf');
    expect(decodeHeaderFileName('50%.pdf')).toBe('50%.pdf');
    expect(decodeHeaderFileName(Buffer.from('Акт.pdf', 'utf8').toString('latin1'))).toBe('Акт.pdf');
    expect(decodeHeaderFileName(undefined)).toBeUndefined();
  });

  it('reads Content-Disposition filename* before filename', () => {
    expect(contentDispositionFileName(`attachment; filename="akt.pdf"; filename*=UTF-8''${encodeURIComponent('Акт.pdf')}`)).toBe('Акт.pdf');
    expect(contentDispositionFileName('attachment; filename="say \\"hi\\".pdf"')).toBe('say "hi".pdf');
    expect(contentDispositionFileName('inline; filename=plain.pdf')).toBe('plain.pdf');
    expect(contentDispositionFileName("attachment; filename*=iso-8859-1''caf%E9.pdf")).toBe('café.pdf');
    expect(contentDispositionFileName('attachment')).toBeUndefined();
  });

  it('writes an RFC 8187 inline disposition', () => {
    expect(attachmentDisposition("Договор (ред. 2)'s.pdf")).toBe(
      "attachment; filename*=UTF-8''%D0%94%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%20%28%D1%80%D0%B5%D0%B4.%202%29%27s.pdf",
    );
  });
});
