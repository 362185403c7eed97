import { parseIsoTime } from './query-params.js';
import { hasReached, parseLogPosition } from './log-position.js';

describe('query-side: query parameter parsing', () => {
  it('reads ISO 8601 dates and times as stored UTC times', () => {
    expect(parseIsoTime('2026-11-25')).toBe('2026-11-25T00:00:00.000Z');
    expect(parseIsoTime('2026-11-25', 'end')).toBe('2026-11-25T23:59:59.999Z');
    expect(parseIsoTime('2026-11-25T08:00:00.000Z')).toBe('2026-11-25T08:00:00.000Z');
    expect(parseIsoTime('2026-11-25T08:00Z')).toBe('2026-11-25T08:00:00.000Z');
    expect(parseIsoTime('2026-11-25T08:00:00')).toBe('2026-11-25T08:00:00.000Z');
    expect(parseIsoTime('2026-11-25T11:00:00+03:00')).toBe('2026-11-25T08:00:00.000Z');
    expect(parseIsoTime('2026-11-25T11:00:00+0300')).toBe('2026-11-25T08:00:00.000Z');
    expect(parseIsoTime('2026-11-25T08:00:00.123456Z')).toBe('2026-11-25T08:00:00.123Z');
    expect(parseIsoTime('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
  });

  it('refuses what is not a real date or time', () => {
    for (const bad of [
      '',
      'today',
      '2026-11-31',
      '2026-02-29',
      '2026-13-01',
      '2026-1-1',
      '2026-11-25T24:00:00Z',
      '2026-11-25T08:60Z',
      '2026-11-25T08:00:00+25:00',
      '1700000000',
    ]) {
      expect(parseIsoTime(bad)).withContext(bad).toBeNull();
    }
  });

  it('reads log positions as decimal strings, compared as numbers', () => {
    expect(parseLogPosition('42')).toBe('42');
    expect(parseLogPosition(' 007 ')).toBe('7');
    expect(parseLogPosition('18446744073709551615')).toBe('18446744073709551615');
    for (const bad of ['', '-1', '1.0', '0x10', '1e3', '123456789012345678901']) expect(parseLogPosition(bad)).withContext(bad).toBeNull();
    expect(hasReached('10', '9')).toBeTrue();
    expect(hasReached('9', '10')).toBeFalse();
    expect(hasReached(null, '1')).toBeFalse();
    expect(hasReached(null, '0')).toBeTrue();
  });
});
