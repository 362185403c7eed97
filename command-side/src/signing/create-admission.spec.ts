import { BacklogAdmission, CreationsPaused, loadBacklogAdmissionSettings } from './create-admission.js';

describe('BacklogAdmission', () => {
  let now: number;
  const clock = () => now;
  const settle = async <T>(promise: Promise<T>): Promise<'admitted' | 'waiting' | CreationsPaused> => {
    const outcome = await Promise.race([
      promise.then(
        () => 'admitted' as const,
        (error: unknown) => error as CreationsPaused,
      ),
      new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 20)),
    ]);
    return outcome;
  };

  beforeEach(() => {
    now = 1_000_000;
  });

  it('admits at once while the invitations are not behind, or behind by less than the limit', async () => {
    const admission = new BacklogAdmission({ limitMs: 1_500, maxWaitMs: 5_000 }, clock);
    expect(await settle(admission.admit())).toBe('admitted');
    admission.report(now - 1_500);
    expect(admission.backlogMs()).toBe(1_500);
    expect(await settle(admission.admit())).toBe('admitted');
  });

  it('holds a creation while the oldest creation in hand is older than the limit, and lets it go when the reactor is done', async () => {
    const admission = new BacklogAdmission({ limitMs: 1_500, maxWaitMs: 5_000 }, clock);
    admission.report(now - 1_501);
    const held = admission.admit();
    expect(await settle(held)).toBe('waiting');
    // The next batch in hand is younger: below the limit, the held creations go.
    admission.report(now - 200);
    expect(await settle(held)).toBe('admitted');
  });

  it('lets held creations go when the reactor waits to retry (reported as nothing in hand)', async () => {
    const admission = new BacklogAdmission({ limitMs: 1_000, maxWaitMs: 5_000 }, clock);
    admission.report(now - 10_000);
    const held = [admission.admit(), admission.admit()];
    expect(await settle(Promise.all(held))).toBe('waiting');
    admission.report(null);
    expect(await settle(Promise.all(held))).toBe('admitted');
  });

  it('refuses with a Retry-After when the invitations are still behind after the longest wait', async () => {
    const admission = new BacklogAdmission({ limitMs: 2_000, maxWaitMs: 30 }, clock);
    admission.report(now - 5_000);
    const outcome = await admission.admit().then(
      () => null,
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(CreationsPaused);
    expect((outcome as CreationsPaused).retryAfterSeconds).toBe(2);
  });

  it('never holds anything with the limit 0', async () => {
    const admission = new BacklogAdmission({ limitMs: 0, maxWaitMs: 5_000 }, clock);
    admission.report(now - 60_000);
    expect(await settle(admission.admit())).toBe('admitted');
  });

  it('reads its settings from the environment and refuses what is not a number of milliseconds', () => {
    expect(loadBacklogAdmissionSettings({})).toEqual({ limitMs: 1_500, maxWaitMs: 5_000 });
    expect(loadBacklogAdmissionSettings({ CREATE_BACKLOG_LIMIT_MS: '0', CREATE_BACKLOG_WAIT_MS: ' 250 ' })).toEqual({
      limitMs: 0,
      maxWaitMs: 250,
    });
    expect(() => loadBacklogAdmissionSettings({ CREATE_BACKLOG_LIMIT_MS: '1.5s' })).toThrowError(/CREATE_BACKLOG_LIMIT_MS/);
    expect(() => loadBacklogAdmissionSettings({ CREATE_BACKLOG_WAIT_MS: '-1' })).toThrowError(/CREATE_BACKLOG_WAIT_MS/);
  });
});
