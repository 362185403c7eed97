import type { ProcessStatus } from '@e-contract/contracts';
import type { Stats, StatsEntry } from './stats-entry.js';
import { utcDayOf } from './stats-projection.js';

/** The product's KPI: signing within 10 minutes (BRIEF.md: "from 1–3 days to 10 minutes"). */
export const TEN_MINUTES_SECONDS = 600;

/**
 * The p-th percentile (p from 0 to 100) of values sorted ascending, `null` for none.
 *
 * Definition: linear interpolation between closest ranks (Hyndman & Fan type 7, the default of
 * numpy, R and Excel's PERCENTILE.INC): rank h = (n − 1)·p/100, value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌈h⌉] − x[⌊h⌋]).
 * Chosen over nearest-rank so that the median of an even count is the usual mean of the two middle
 * values, and so that p90 moves smoothly as signings come in instead of jumping between samples.
 */
export function percentile(sortedSeconds: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const n = sortedSeconds.length;
  if (n === 0) return null;
  const rank = ((n - 1) * p) / 100;
  const below = Math.floor(rank);
  const lower = sortedSeconds[below] as number;
  const upper = sortedSeconds[Math.min(below + 1, n - 1)] as number;
  return lower + (rank - below) * (upper - lower);
}

/** Durations are stored with millisecond precision; answering finer would only show float noise. */
const toMilliseconds = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds * 1000) / 1000);

const ascending = (a: number, b: number): number => a - b;

/** The signed processes' durations, sorted: a process counts as signed once it has `secondsToSign`. */
const signedSeconds = (entries: readonly StatsEntry[]): number[] =>
  entries.flatMap((e) => (e.secondsToSign === null ? [] : [e.secondsToSign])).sort(ascending);

const medianOf = (entries: readonly StatsEntry[]): number | null => toMilliseconds(percentile(signedSeconds(entries), 50));

/**
 * API.md's `GET /api/stats` answer from the rows the adapter selected (by `from`/`to` on the
 * creation time and by branch): this function counts exactly what it is given.
 *
 * - `byStatus`: only the statuses that occur (a missing status means 0).
 * - `timeToSign`: over the processes that are signed or archived; `within10MinShare` is the share
 *   (0..1) of them signed within 600 s inclusive; all three `null` while nothing is signed.
 * - `byDay`: `created` counts a process on its creation day, `signed` on the day it was signed
 *   (UTC date of `signedAt`), so a day shows the work done that day; sorted by day.
 * - `byBranch`: sorted by branchId; `median` as above, `null` for a branch with nothing signed.
 */
export function summarizeStats(entries: readonly StatsEntry[]): Stats {
  const byStatus: Partial<Record<ProcessStatus, number>> = {};
  for (const entry of entries) byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;

  const seconds = signedSeconds(entries);
  const timeToSign: Stats['timeToSign'] = {
    median: toMilliseconds(percentile(seconds, 50)),
    p90: toMilliseconds(percentile(seconds, 90)),
    within10MinShare: seconds.length === 0 ? null : seconds.filter((s) => s <= TEN_MINUTES_SECONDS).length / seconds.length,
  };

  const days = new Map<string, { day: string; created: number; signed: number }>();
  const dayRow = (day: string): { day: string; created: number; signed: number } => {
    const row = days.get(day) ?? { day, created: 0, signed: 0 };
    days.set(day, row);
    return row;
  };
  for (const entry of entries) {
    dayRow(entry.createdDay).created += 1;
    if (entry.signedAt !== null) dayRow(utcDayOf(entry.signedAt)).signed += 1;
  }

  const branches = new Map<string, StatsEntry[]>();
  for (const entry of entries) {
    const rows = branches.get(entry.branchId) ?? [];
    rows.push(entry);
    branches.set(entry.branchId, rows);
  }

  return {
    total: entries.length,
    byStatus,
    timeToSign,
    byDay: [...days.values()].sort((a, b) => compareText(a.day, b.day)),
    byBranch: [...branches.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([branchId, rows]) => ({
        branchId,
        created: rows.length,
        signed: rows.filter((r) => r.secondsToSign !== null).length,
        median: medianOf(rows),
      })),
  };
}

/** Code-unit order, not the locale's: the same order on every machine and in every store. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
