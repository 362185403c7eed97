import type { RecordedEvent } from '@e-contract/contracts';

/**
 * A read model as a fold (STYLE.md §3): pure, knowing nothing of MongoDB or SQLite. The store
 * adapter loads the view `keyOf` names, applies `evolve` to each event newer than the view's
 * position, and saves it with a position guard, so that replaying an event changes nothing.
 */
export interface Projection<View> {
  readonly name: ProjectionName;
  /** The event types it reads; others are skipped (but still move its checkpoint). */
  readonly handles: readonly string[];
  /** The view an event belongs to, `null` for events it ignores. */
  keyOf(event: RecordedEvent): string | null;
  /** The next view; `null` deletes it. */
  evolve(view: View | null, event: RecordedEvent): View | null;
}

export const PROJECTION_NAMES = ['deals', 'audit_trail', 'cabinet', 'stats'] as const;
export type ProjectionName = (typeof PROJECTION_NAMES)[number];
