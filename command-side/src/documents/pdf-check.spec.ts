import { looksLikePdf } from './pdf-check.js';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('looksLikePdf', () => {
  const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

  it('accepts a file that starts with %PDF- and ends with %%EOF', () => {
    expect(looksLikePdf(latin1(pdf))).toBeTrue();
    expect(looksLikePdf(latin1('%PDF-1.7\n%%EOF'))).toBeTrue();
  });

  it('allows up to 1024 bytes before the header, as readers do', () => {
    expect(looksLikePdf(latin1(' '.repeat(1024) + pdf))).toBeTrue();
    expect(looksLikePdf(latin1(' '.repeat(1025) + pdf))).toBeFalse();
  });

  it('wants %%EOF within the last 1024 bytes', () => {
    expect(looksLikePdf(latin1(pdf + ' '.repeat(1000)))).toBeTrue();
    expect(looksLikePdf(latin1(pdf + ' '.repeat(1030)))).toBeFalse();
    expect(looksLikePdf(latin1('%PDF-1.4\n1 0 obj<<>>endobj\n'))).toBeFalse();
  });

  it('refuses other files and the empty body', () => {
    expect(looksLikePdf(new Uint8Array())).toBeFalse();
    expect(looksLikePdf(latin1('PK\u0003\u0004 a zip %%EOF'))).toBeFalse();
    expect(looksLikePdf(latin1('%PDF-'))).toBeFalse();
    expect(looksLikePdf(latin1('%%EOF %PDF-'))).toBeFalse();
  });

  it('reads a view into a larger buffer by its own bounds', () => {
    const whole = latin1(`garbage${pdf}garbage`);
    expect(looksLikePdf(whole.subarray(7, 7 + pdf.length))).toBeTrue();
    expect(looksLikePdf(whole.subarray(7, 20))).toBeFalse();
  });
});
