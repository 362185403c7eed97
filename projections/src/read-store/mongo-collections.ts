import { randomBytes } from 'node:crypto';
import type { ProjectionName } from '../projection.js';
import type { CheckpointDocument } from './mongo-documents.js';

/**
 * Where a read model's documents live on MongoDB. Each rebuild fills a collection of a new name
 * (`<projection>__<generation>`) and swaps it in by moving the pointer in the checkpoint document
 * (`collection`, see CheckpointDocument) — no rename, so no reader's cursor is killed and no crash
 * can leave a swap half done. The collection swapped out is retired and dropped after a grace time.
 */

/** The deleted keys of a collection of views (`<base>_gone`). */
export const goneName = (base: string): string => `${base}_gone`;

/** The live collection a checkpoint document points at: the projection's own name until the first rebuild. */
export const liveCollectionOf = (name: ProjectionName, checkpoint: Pick<CheckpointDocument, 'collection'> | null): string =>
  checkpoint?.collection ?? name;

/** A collection name no earlier rebuild of `name` used. */
export const rebuildCollectionName = (name: ProjectionName): string =>
  `${name}__${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** Whether `collection` is one of the collections of `name` (live, rebuilt, retired, or a rebuild's leftover). */
export const belongsTo = (name: ProjectionName, collection: string): boolean =>
  collection === name || collection === goneName(name) || collection.startsWith(`${name}__`);

/**
 * How long a retired collection is kept: readers use the pointer they read for up to
 * `POINTER_TTL_MS`, and a query's cursor lives for seconds; ten minutes leaves every one of them
 * time to finish on the collection it started on.
 */
export const RETIRED_GRACE_MS = 10 * 60_000;

/** How long a reader reuses the pointer it read (the runner's writes always read it afresh). */
export const POINTER_TTL_MS = 1_000;
