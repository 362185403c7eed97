/** API.md: "API keys are rate limited per key (600 requests a minute, then 429 with `Retry-After`)". */
export const API_KEY_RATE_LIMIT = { limit: 600, windowMs: 60_000 } as const;

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/**
 * Fixed windows per key, in this process's memory: a window opens with a key's first request and
 * counts `limit` requests; the next ones are refused until it ends (the answer says how many seconds
 * that is). Each process counts on its own — the all-in-one once for both sides, a split deployment
 * once per replica — so N replicas behind the gateway let a key make up to N × limit in a minute.
 * No shared store is asked on the request path, and a key's budget costs a few bytes.
 */
export class KeyRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly rule: RateLimitRule = API_KEY_RATE_LIMIT,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Counts one request of `key`: `null` when it may go on, else the seconds to wait (at least 1). */
  take(key: string): number | null {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.rule.windowMs) {
      if (this.windows.size >= 10_000) this.forgetEndedWindows(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.rule.limit) return Math.max(1, Math.ceil((window.startedAt + this.rule.windowMs - now) / 1000));
    window.count += 1;
    return null;
  }

  private forgetEndedWindows(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= this.rule.windowMs) this.windows.delete(key);
  }
}
