import { DEFAULT_DELIVERY_SCHEDULE, afterAttempt } from './delivery-schedule.js';

describe('the delivery schedule (pure)', () => {
  const start = new Date('2026-12-01T10:00:00.000Z');
  const plus = (ms: number) => new Date(start.getTime() + ms);
  const refused = { answered: false as const, error: 'connection refused' };

  it('succeeds on a 2xx; anything else — another status, a redirect, no answer — is retried', () => {
    expect(afterAttempt({ attempts: 0, firstAttemptAt: null }, { answered: true, status: 204 }, start)).toEqual({
      status: 'succeeded',
      attempts: 1,
      firstAttemptAt: start.toISOString(),
      lastAttemptAt: start.toISOString(),
      lastStatus: 204,
      lastError: null,
      nextAttemptAt: null,
    });
    for (const result of [{ answered: true as const, status: 302 }, { answered: true as const, status: 500 }, refused]) {
      expect(afterAttempt({ attempts: 0, firstAttemptAt: null }, result, start).status).toBe('pending');
    }
    expect(afterAttempt({ attempts: 0, firstAttemptAt: null }, { answered: true, status: 302 }, start).lastError).toBe('HTTP 302');
    expect(afterAttempt({ attempts: 0, firstAttemptAt: null }, refused, start)).toEqual(
      jasmine.objectContaining({ lastStatus: null, lastError: 'connection refused' }),
    );
  });

  it('waits about 5 s, 30 s, 2 min, 10 min, 1 h, then hourly, and gives up 24 h after the first attempt', () => {
    let delivery: { attempts: number; firstAttemptAt: string | null } = { attempts: 0, firstAttemptAt: null };
    let now = start;
    const waits: number[] = [];
    for (;;) {
      const outcome = afterAttempt(delivery, refused, now, DEFAULT_DELIVERY_SCHEDULE);
      if (outcome.status === 'failed') break;
      const next = new Date(outcome.nextAttemptAt!);
      waits.push(next.getTime() - now.getTime());
      delivery = outcome;
      now = next;
    }
    const minute = 60_000;
    expect(waits.slice(0, 6)).toEqual([5_000, 30_000, 2 * minute, 10 * minute, 60 * minute, 60 * minute]);
    expect(now.getTime() - start.getTime()).toBeLessThanOrEqual(24 * 60 * minute);
    expect(now.getTime() - start.getTime()).toBeGreaterThan(23 * 60 * minute);
    expect(delivery.attempts).toBe(waits.length);
  });

  it('counts from the first attempt: a late success after retries still succeeds', () => {
    const outcome = afterAttempt({ attempts: 3, firstAttemptAt: start.toISOString() }, { answered: true, status: 200 }, plus(3 * 60_000));
    expect(outcome).toEqual(jasmine.objectContaining({ status: 'succeeded', attempts: 4, firstAttemptAt: start.toISOString() }));
  });
});
