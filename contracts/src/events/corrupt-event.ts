/** One thing wrong with a stored event: where (a path into the event, `data.expiresAt`) and what. */
export interface EventIssue {
  path: string;
  message: string;
}

/**
 * A stored event that does not read as its type and schema version say: a payload that fails its
 * schema, a type outside the catalogue of its stream, a schema version nothing can read. It names
 * the stream and revision, so that an operator finds the event, and fails the read at once rather
 * than leaving an `undefined` to surface deep inside a fold.
 */
export class CorruptEvent extends Error {
  override readonly name = 'CorruptEvent';
  /** Stable, for callers that map errors (problem+json `type`) rather than read messages. */
  readonly code = 'corrupt-event';
  constructor(
    readonly streamId: string,
    readonly revision: number,
    readonly position: string,
    readonly type: string,
    readonly schemaVersion: unknown,
    readonly issues: readonly EventIssue[],
  ) {
    super(
      `corrupt event in stream ${streamId} at revision ${revision} (position ${position}): ` +
        `${type} v${String(schemaVersion)}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    );
  }

  /** The paths of the issues, e.g. `['data.expiresAt', 'data.attempts']`. */
  get paths(): string[] {
    return this.issues.map((issue) => issue.path);
  }
}
