import type { ProjectionName } from '../projection.js';
import type { CabinetEntry } from '../read-models/cabinet-entry.js';
import type { Deal } from '../read-models/deal.js';
import type { StatsEntry } from '../read-models/stats-entry.js';
import type { TrailEntry } from '../read-models/trail-entry.js';

/** The view each projection name folds into; the adapters read their query columns from it. */
export interface ViewByProjection {
  deals: Deal;
  audit_trail: TrailEntry;
  cabinet: CabinetEntry;
  stats: StatsEntry;
}

/**
 * A view produced by the projection called `name`. `Projection<View>` does not tie its view type to
 * its name, so this is the one place that trusts the naming convention of `PROJECTION_NAMES`.
 */
export function viewOf<Name extends ProjectionName>(_name: Name, view: unknown): ViewByProjection[Name] {
  return view as ViewByProjection[Name];
}
