import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ApiProblem } from '../api/api-problem';
import type { Branch } from '../api/api-types';

/** A page that names branches (the board, the KPI page) needs the catalogue; it is read once. */
export const BranchesActions = createActionGroup({
  source: 'Branches',
  events: {
    Needed: emptyProps(),
    Loaded: props<{ branches: Branch[] }>(),
    'Load Failed': props<{ problem: ApiProblem }>(),
  },
});
