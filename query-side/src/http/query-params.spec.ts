import { parseIsoTime } from './query-params.js';
import { hasReached } from './log-position.js';

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

  it('has reached a log position when the checkpoint is at or past it, as numbers (contracts parses them)', () => {
    expect(hasReached('10', '9')).toBeTrue();
    expect(hasReached('9', '10')).toBeFalse();
    expect(hasReached(null, '1')).toBeFalse();
    expect(hasReached(null, '0')).toBeTrue();
  });
});
