import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ApiProblem } from '../shared/api/api-problem';
import type { ProjectionStatusRow } from '../shared/api/api-types';

/** The projections page: the list loads (and reloads while a rebuild runs), a rebuild is asked for. */
export const AdminActions = createActionGroup({
  source: 'Admin projections',
  events: {
    opened: emptyProps(),
    closed: emptyProps(),
    listLoaded: props<{ projections: ProjectionStatusRow[] }>(),
    listFailed: props<{ problem: ApiProblem }>(),
    rebuildRequested: props<{ name: string }>(),
    rebuildAccepted: props<{ name: string }>(),
    rebuildFailed: props<{ name: string; problem: ApiProblem }>(),
  },
});
