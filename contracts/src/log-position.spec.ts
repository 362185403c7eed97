import { compareLogPositions, earlierPosition, isLogPosition, laterPosition, parseLogPosition, positionsBehind } from './log-position.js';

describe('Log positions', () => {
  it('reads a position written as a decimal string of at most 20 digits, canonically', () => {
    expect(parseLogPosition('42')).toBe('42');
    expect(parseLogPosition(' 007 ')).toBe('7');
    expect(parseLogPosition('18446744073709551615')).toBe('18446744073709551615');
    for (const bad of ['', '-1', '1.0', '0x10', '1e3', '123456789012345678901']) expect(parseLogPosition(bad)).withContext(bad).toBeNull();
    expect(isLogPosition('0')).toBeTrue();
    expect(isLogPosition(' 1')).toBeFalse();
  });

  it('compares positions as numbers, not as text', () => {
    expect(compareLogPositions('9', '10')).toBeLessThan(0);
    expect(compareLogPositions('10', '9')).toBeGreaterThan(0);
    expect(compareLogPositions('18446744073709551615', '18446744073709551614')).toBeGreaterThan(0);
    expect(compareLogPositions('7', '7')).toBe(0);
    expect(['10', '9', '100', '2'].sort(compareLogPositions)).toEqual(['2', '9', '10', '100']);
  });

  it('picks the later and the earlier of two, null being before the first event', () => {
    expect(laterPosition('9', '10')).toBe('10');
    expect(laterPosition(null, '3')).toBe('3');
    expect(laterPosition('3', null)).toBe('3');
    expect(laterPosition(null, null)).toBeNull();
    expect(earlierPosition('9', '10')).toBe('9');
    expect(earlierPosition(null, '3')).toBeNull();
  });

  it('counts how far a position is behind the head', () => {
    expect(positionsBehind('10', '7')).toBe(3);
    expect(positionsBehind('10', null)).toBe(10);
    expect(positionsBehind(null, null)).toBe(0);
    expect(positionsBehind('7', '10')).toBe(0);
  });
});
