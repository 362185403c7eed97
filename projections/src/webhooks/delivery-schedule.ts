import type { AttemptOutcome, DeliveryRecord } from './webhook-store.js';

/**
 * When a failed delivery is tried again (API.md: about 5 s, 30 s, 2 min, 10 min, 1 h, then hourly up
 * to 24 h; then `failed`, and the next delivery goes). Specs pass a shorter one.
 */
export interface DeliverySchedule {
  /** The waits after the first failures, in order. */
  delaysMs: readonly number[];
  /** The wait after each later failure. */
  thenEveryMs: number;
  /** No attempt is made later than this after the first one: the delivery is then `failed`. */
  giveUpAfterMs: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const DEFAULT_DELIVERY_SCHEDULE: DeliverySchedule = {
  delaysMs: [5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR],
  thenEveryMs: HOUR,
  giveUpAfterMs: 24 * HOUR,
};

/** What one attempt came to: an answer (with its status), or none (timeout, refused, …). */
export type AttemptResult = { answered: true; status: number } | { answered: false; error: string };

export const isSuccess = (result: AttemptResult): boolean => result.answered && result.status >= 200 && result.status < 300;

/**
 * The delivery after an attempt made at `now`: `succeeded` on a 2xx; otherwise pending again with
 * the next attempt due after the schedule's wait — or `failed` when that would be later than
 * `giveUpAfterMs` after the first attempt. Pure.
 */
export function afterAttempt(
  delivery: Pick<DeliveryRecord, 'attempts' | 'firstAttemptAt'>,
  result: AttemptResult,
  now: Date,
  schedule: DeliverySchedule = DEFAULT_DELIVERY_SCHEDULE,
): AttemptOutcome {
  const attempts = delivery.attempts + 1;
  const firstAttemptAt = delivery.firstAttemptAt ?? now.toISOString();
  const common = {
    attempts,
    firstAttemptAt,
    lastAttemptAt: now.toISOString(),
    lastStatus: result.answered ? result.status : null,
    lastError: isSuccess(result) ? null : result.answered ? `HTTP ${result.status}` : result.error,
  };
  if (isSuccess(result)) return { ...common, status: 'succeeded', nextAttemptAt: null };
  const wait = schedule.delaysMs[attempts - 1] ?? schedule.thenEveryMs;
  const next = now.getTime() + wait;
  if (next - Date.parse(firstAttemptAt) > schedule.giveUpAfterMs) return { ...common, status: 'failed', nextAttemptAt: null };
  return { ...common, status: 'pending', nextAttemptAt: new Date(next).toISOString() };
}
