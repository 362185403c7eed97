import type { StatsEntry } from './stats-entry.js';
import { percentile, summarizeStats } from './stats-math.js';

/** A stats row: created at `createdAt`, signed `secondsToSign` later when given. */
function row(processId: string, createdAt: string, secondsToSign: number | null = null, branchId = 'msk'): StatsEntry {
  const signedAt = secondsToSign === null ? null : new Date(Date.parse(createdAt) + secondsToSign * 1000).toISOString();
  return {
    processId,
    branchId,
    kind: 'contract',
    status: signedAt ? 'signed' : 'invited',
    createdAt,
    createdDay: createdAt.slice(0, 10),
    signedAt,
    secondsToSign,
    position: '1',
  };
}

describe('stats math', () => {
  describe('percentile (linear interpolation between closest ranks)', () => {
    it('has none for no values', () => {
      expect(percentile([], 50)).toBeNull();
    });

    it('is the value itself for one value, at any p', () => {
      expect(percentile([42], 50)).toBe(42);
      expect(percentile([42], 90)).toBe(42);
    });

    it('interpolates between two values: median is their mean, p90 nine tenths of the way', () => {
      expect(percentile([100, 200], 50)).toBe(150);
      expect(percentile([100, 200], 90)).toBeCloseTo(190, 9);
    });

    it('gives the middle value of an odd count and the usual p90 of 1..10', () => {
      expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
      expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5.5);
      expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 9);
    });

    it('is the minimum at 0 and the maximum at 100', () => {
      expect(percentile([3, 7, 9], 0)).toBe(3);
      expect(percentile([3, 7, 9], 100)).toBe(9);
    });

    it('refuses a p outside 0..100', () => {
      expect(() => percentile([1], 101)).toThrowError(RangeError);
      expect(() => percentile([1], Number.NaN)).toThrowError(RangeError);
    });
  });

  describe('summarizeStats', () => {
    it('answers zeros and nulls for no processes', () => {
      expect(summarizeStats([])).toEqual({
        total: 0,
        byStatus: {},
        timeToSign: { median: null, p90: null, within10MinShare: null },
        byDay: [],
        byBranch: [],
      });
    });

    it('has null times to sign while nothing is signed', () => {
      const stats = summarizeStats([row('a', '2026-11-25T08:00:00.000Z'), row('b', '2026-11-25T09:00:00.000Z')]);
      expect(stats.timeToSign).toEqual({ median: null, p90: null, within10MinShare: null });
      expect(stats.total).toBe(2);
    });

    it('counts processes by status, naming only the statuses that occur', () => {
      const entries = [
        row('a', '2026-11-25T08:00:00.000Z', 300),
        row('b', '2026-11-25T08:00:00.000Z'),
        { ...row('c', '2026-11-25T08:00:00.000Z', 400), status: 'archived' as const },
        row('d', '2026-11-25T08:00:00.000Z'),
      ];
      expect(summarizeStats(entries).byStatus).toEqual({ signed: 1, invited: 2, archived: 1 });
    });

    it('takes median and p90 over the signed and archived processes only, in any input order', () => {
      const entries = [
        row('a', '2026-11-25T08:00:00.000Z', 900),
        row('b', '2026-11-25T08:00:00.000Z'),
        row('c', '2026-11-25T08:00:00.000Z', 300),
        { ...row('d', '2026-11-25T08:00:00.000Z', 600), status: 'archived' as const },
      ];
      expect(summarizeStats(entries).timeToSign).toEqual({ median: 600, p90: 840, within10MinShare: 2 / 3 });
    });

    it('counts a signature at exactly 10 minutes as within 10 minutes', () => {
      const stats = summarizeStats([row('a', '2026-11-25T08:00:00.000Z', 600), row('b', '2026-11-25T08:00:00.000Z', 600.001)]);
      expect(stats.timeToSign.within10MinShare).toBe(0.5);
    });

    it('rounds durations to the millisecond they were measured in', () => {
      const stats = summarizeStats([row('a', '2026-11-25T08:00:00.000Z', 0.1), row('b', '2026-11-25T08:00:00.000Z', 0.2)]);
      expect(stats.timeToSign.median).toBe(0.15);
      expect(stats.timeToSign.p90).toBe(0.19);
    });

    it('counts created on the creation day and signed on the signing day, sorted by day (UTC)', () => {
      const entries = [
        row('late', '2026-11-26T23:55:00.000Z', 600),
        row('a', '2026-11-25T08:00:00.000Z', 120),
        row('b', '2026-11-25T10:00:00.000Z'),
      ];
      expect(summarizeStats(entries).byDay).toEqual([
        { day: '2026-11-25', created: 2, signed: 1 },
        { day: '2026-11-26', created: 1, signed: 0 },
        { day: '2026-11-27', created: 0, signed: 1 },
      ]);
    });

    it('breaks down by branch, sorted by branchId, with each branch median', () => {
      const entries = [
        row('s1', '2026-11-25T08:00:00.000Z', 200, 'spb'),
        row('m1', '2026-11-25T08:00:00.000Z', 100, 'msk'),
        row('m2', '2026-11-25T08:00:00.000Z', 300, 'msk'),
        row('m3', '2026-11-25T08:00:00.000Z', null, 'msk'),
        row('e1', '2026-11-25T08:00:00.000Z', null, 'ekb'),
      ];
      expect(summarizeStats(entries).byBranch).toEqual([
        { branchId: 'ekb', created: 1, signed: 0, median: null },
        { branchId: 'msk', created: 3, signed: 2, median: 200 },
        { branchId: 'spb', created: 1, signed: 1, median: 200 },
      ]);
    });
  });
});
