import { formatCount, formatDateTime, formatDuration, formatFileSize, formatPercent } from './format';

describe('formatting in Russian', () => {
  const at = '2026-11-25T08:05:09.000Z';

  it("shows times in the user's zone", () => {
    expect(formatDateTime(at, 'dateTime', 'Europe/Moscow')).toBe('25.11.2026, 11:05');
    expect(formatDateTime(at, 'dateTime', 'Asia/Vladivostok')).toBe('25.11.2026, 18:05');
    expect(formatDateTime(at, 'time', 'Europe/Moscow')).toBe('11:05');
    expect(formatDateTime(at, 'date', 'Asia/Kamchatka')).toBe('25.11.2026');
    expect(formatDateTime(at, 'longDate', 'Europe/Moscow')).toBe('25 ноября 2026 г.');
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
  });

  it('shows durations, sizes and shares', () => {
    expect(formatDuration(200)).toBe('3 мин 20 с');
    expect(formatDuration(7500)).toBe('2 ч 05 мин');
    expect(formatDuration(null)).toBe('—');
    expect(formatFileSize(1536)).toBe('1,5 КБ');
    expect(formatFileSize(3 * 1024 * 1024)).toBe('3 МБ');
    expect(formatPercent(0.8).replace(/\s/g, ' ')).toBe('80 %');
  });

  it('gives a count the word form Russian takes', () => {
    const days = { one: 'день', few: 'дня', many: 'дней' };
    expect(formatCount(1, days)).toBe('1 день');
    expect(formatCount(3, days)).toBe('3 дня');
    expect(formatCount(7, days)).toBe('7 дней');
    expect(formatCount(21, days)).toBe('21 день');
    expect(formatCount(90, days)).toBe('90 дней');
  });
});
