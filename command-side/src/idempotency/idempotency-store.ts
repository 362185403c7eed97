/** A command's first answer, kept so that a retry with the same `Idempotency-Key` gets it again. */
export interface StoredAnswer {
  requestSha256: string;
  status: number;
  body: unknown;
  location?: string;
  /** The answer's `Content-Type` when it was not plain JSON (a refusal is problem+json). */
  contentType?: string;
  recordedAt: string;
}

/** Answers are kept per caller and endpoint (the scope) for 24 hours (API.md, "Commands"). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

export interface IdempotencyStore {
  find(scope: string, key: string): Promise<StoredAnswer | null>;
  /** Records the answer unless one is already recorded for the key (the first answer wins). */
  save(scope: string, key: string, answer: StoredAnswer): Promise<void>;
}
