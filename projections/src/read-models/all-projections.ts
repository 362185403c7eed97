import type { Projection } from '../projection.js';
import { auditTrailProjection } from './audit-trail-projection.js';
import { cabinetProjection } from './cabinet-projection.js';
import { dealsProjection } from './deals-projection.js';
import { statsProjection } from './stats-projection.js';

/**
 * A projection whose view type is not known here. The runner and the read store handle every
 * projection alike, and a union of `Projection<Deal> | Projection<TrailEntry> | …` would not let
 * `ReadStore.applyBatch<View>` infer its `View`; `Projection<unknown>` does.
 */
export type AnyProjection = Projection<unknown>;

/** Every read model the runner keeps up to date, one per `PROJECTION_NAMES` entry, in that order. */
export const ALL_PROJECTIONS: readonly AnyProjection[] = [
  dealsProjection,
  auditTrailProjection,
  cabinetProjection,
  statsProjection,
] as const;

/** The projection an operator names (`POST /api/admin/projections/:name/rebuild`), `null` if none. */
export const projectionByName = (name: string): AnyProjection | null => ALL_PROJECTIONS.find((p) => p.name === name) ?? null;
