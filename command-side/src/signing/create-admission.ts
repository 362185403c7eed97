import type { RequestHandler } from 'express';

/**
 * Whether a new signing process may be created now. Every creation is followed by an invitation
 * that the invitation reactor sends; a system that accepted creations faster than it invites would
 * let that queue grow without bound (on a saturated machine the requests and the reactors share the
 * same cores). So creations wait while the invitations are behind, and are refused with 503 and
 * `Retry-After` when they stay behind: the rate the system accepts is the rate it can keep.
 */
export interface CreateAdmission {
  /** Resolves when a creation may go ahead; rejects with `CreationsPaused` when it may not. */
  admit(): Promise<void>;
}

/** The invitations have been behind for longer than a creation may wait. */
export class CreationsPaused extends Error {
  override readonly name = 'CreationsPaused';
  constructor(readonly retryAfterSeconds: number) {
    super('Invitations of earlier requests are still being sent; try again shortly');
  }
}

export interface BacklogAdmissionSettings {
  /** `CREATE_BACKLOG_LIMIT_MS`: creations wait while the oldest creation not yet invited is older than this (0: never). */
  limitMs: number;
  /** `CREATE_BACKLOG_WAIT_MS`: how long a creation waits for that before it is refused. */
  maxWaitMs: number;
}

export const DEFAULT_BACKLOG_ADMISSION: BacklogAdmissionSettings = { limitMs: 1_500, maxWaitMs: 5_000 };

export function loadBacklogAdmissionSettings(env: NodeJS.ProcessEnv = process.env): BacklogAdmissionSettings {
  const read = (name: string, fallback: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer ≥ 0 (milliseconds), got "${text}"`);
    return value;
  };
  return {
    limitMs: read('CREATE_BACKLOG_LIMIT_MS', DEFAULT_BACKLOG_ADMISSION.limitMs),
    maxWaitMs: read('CREATE_BACKLOG_WAIT_MS', DEFAULT_BACKLOG_ADMISSION.maxWaitMs),
  };
}

/**
 * Admission by the invitation reactor's backlog, as the reactor reports it (`report`): the time the
 * oldest creation it has not finished with was recorded, or `null` when it has nothing in hand (or
 * is waiting to retry after a failure — an SMS gateway that is down must not stop managers from
 * creating requests; their invitations go out when it is back).
 */
export class BacklogAdmission implements CreateAdmission {
  private since: number | null = null;
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly settings: BacklogAdmissionSettings,
    private readonly now: () => number = Date.now,
  ) {}

  report(since: number | null): void {
    this.since = since;
    if (this.behind()) return;
    for (const wake of this.waiting) wake();
  }

  /** How far behind the invitations are, in milliseconds (0 when they are not). */
  backlogMs(): number {
    return this.since === null ? 0 : Math.max(0, this.now() - this.since);
  }

  admit(): Promise<void> {
    if (!this.behind()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = (admitted: boolean) => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        if (admitted) resolve();
        else reject(new CreationsPaused(Math.max(1, Math.ceil(this.settings.limitMs / 1000))));
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(!this.behind()), this.settings.maxWaitMs);
      this.waiting.add(wake);
    });
  }

  private behind(): boolean {
    return this.settings.limitMs > 0 && this.backlogMs() > this.settings.limitMs;
  }
}

/** The route step that waits for admission (after authentication and the body's checks, before anything is done). */
export function admitCreation(admission: CreateAdmission | undefined): RequestHandler {
  return (_req, _res, next) => {
    if (!admission) return next();
    admission.admit().then(() => next(), next);
  };
}
