import { isPlainText } from './plain-text.js';
import { isWebOrigin } from './web-origin.js';

describe('isPlainText (API.md, "Formats")', () => {
  const rule = { maxLength: 10 };

  it('takes a text that is within its length once trimmed', () => {
    expect(isPlainText('CRM-42', rule)).toBeTrue();
    expect(isPlainText('  Заказ 7  ', rule)).toBeTrue();
    expect(isPlainText(` ${'x'.repeat(10)} `, rule)).toBeTrue();
    expect(isPlainText('😀'.repeat(5), rule)).toBeTrue();
  });

  it('refuses empty, too long, control characters, bidi overrides and lone surrogates', () => {
    expect(isPlainText('   ', rule)).toBeFalse();
    expect(isPlainText('x'.repeat(11), rule)).toBeFalse();
    expect(isPlainText('a\u0000b', rule)).toBeFalse();
    expect(isPlainText('a\tb', rule)).toBeFalse();
    expect(isPlainText('a\u202eb', rule)).toBeFalse();
    expect(isPlainText('a\ud800b', rule)).toBeFalse();
    expect(isPlainText(42, rule)).toBeFalse();
  });

  it('takes newlines only where the field allows them', () => {
    expect(isPlainText('a\nb', rule)).toBeFalse();
    expect(isPlainText('a\nb', { ...rule, allowNewlines: true })).toBeTrue();
  });
});

describe('isWebOrigin', () => {
  it('takes an origin as a browser sends it', () => {
    expect(isWebOrigin('https://crm.example.com')).toBeTrue();
    expect(isWebOrigin('http://127.0.0.1:4200')).toBeTrue();
  });

  it('refuses paths, trailing slashes, other schemes, upper case and user info', () => {
    for (const value of [
      'https://crm.example.com/',
      'https://crm.example.com/app',
      'ftp://x.example',
      'https://CRM.example.com',
      'https://u@x.example',
      '*',
      42,
    ]) {
      expect(isWebOrigin(value)).withContext(String(value)).toBeFalse();
    }
  });
});
