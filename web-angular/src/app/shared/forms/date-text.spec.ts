import { formatDateText, maskDateText, parseDateText } from './date-text';

describe('Russian date text', () => {
  it('inserts the dots while the user types digits', () => {
    expect(maskDateText('3')).toBe('3');
    expect(maskDateText('311')).toBe('31.1');
    expect(maskDateText('3112')).toBe('31.12');
    expect(maskDateText('31122026')).toBe('31.12.2026');
    expect(maskDateText('31.12.2026 extra 99')).toBe('31.12.2026');
  });

  it('reads a real calendar date into ISO', () => {
    expect(parseDateText('31.12.2026')).toBe('2026-12-31');
    expect(parseDateText(' 01.03.2024 ')).toBe('2024-03-01');
    expect(parseDateText('29.02.2024')).toBe('2024-02-29');
  });

  it('refuses dates that do not exist and partial input', () => {
    expect(parseDateText('29.02.2026')).toBeNull();
    expect(parseDateText('31.04.2026')).toBeNull();
    expect(parseDateText('01.13.2026')).toBeNull();
    expect(parseDateText('00.01.2026')).toBeNull();
    expect(parseDateText('31.12.26')).toBeNull();
    expect(parseDateText('2026-12-31')).toBeNull();
    expect(parseDateText('')).toBeNull();
  });

  it('shows an ISO date the Russian way and nothing for anything else', () => {
    expect(formatDateText('2026-12-31')).toBe('31.12.2026');
    expect(formatDateText(null)).toBe('');
    expect(formatDateText('31.12.2026')).toBe('');
  });
});
