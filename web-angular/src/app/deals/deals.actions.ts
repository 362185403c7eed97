import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ApiProblem } from '../shared/api/api-problem';
import type {
  CommandAnswer,
  CompanyRecord,
  CreateSigningProcessRequest,
  Deal,
  DealPage,
  DealSort,
  ProcessStatus,
} from '../shared/api/api-types';
import type { DealFilters } from './deal-filters';

/** What the board page asks for. */
export const DealsBoardActions = createActionGroup({
  source: 'Deals Board',
  events: {
    Opened: emptyProps(),
    Closed: emptyProps(),
    'Filters Changed': props<{ filters: DealFilters }>(),
    'Page Changed': props<{ page: number }>(),
    /** A column header clicked: the API's `sort` (`title`, `-updatedAt`, …). */
    'Sort Changed': props<{ sort: DealSort }>(),
  },
});

/** What the API and the live stream answered. */
export const DealsApiActions = createActionGroup({
  source: 'Deals API',
  events: {
    'List Loaded': props<{ page: DealPage }>(),
    'List Failed': props<{ problem: ApiProblem }>(),
    'Deal Streamed': props<{ deal: Deal }>(),
    'Stream Failed': emptyProps(),
    /** The counts per status of the board's scope (`GET /api/stats`' `byStatus`). */
    'Counts Loaded': props<{ byStatus: Partial<Record<ProcessStatus, number>> }>(),
    'Counts Failed': emptyProps(),
  },
});

/** The deal page and the new-request form. */
export const DealActions = createActionGroup({
  source: 'Deal',
  events: {
    Opened: props<{ processId: string; minPosition?: string }>(),
    Loaded: props<{ deal: Deal }>(),
    Closed: emptyProps(),
    'Load Failed': props<{ problem: ApiProblem }>(),
    'Reinvite Requested': props<{ processId: string }>(),
    /** A reminder by hand: the same link again (at most 3 a day). */
    'Reminder Requested': props<{ processId: string }>(),
    'Cancel Requested': props<{ processId: string; reason: string }>(),
    'Command Succeeded': props<{ answer: CommandAnswer }>(),
    'Command Failed': props<{ problem: ApiProblem }>(),
    'Document Download Requested': props<{ documentId: string; fileName: string }>(),
    'Document Download Failed': props<{ problem: ApiProblem }>(),
    'Signed Copy Requested': props<{ processId: string }>(),
    'Create Requested': props<{ request: CreateSigningProcessRequest }>(),
    'Create Succeeded': props<{ answer: CommandAnswer }>(),
    'Create Failed': props<{ problem: ApiProblem }>(),
    'Create Form Opened': emptyProps(),
    'Company Lookup Requested': props<{ inn: string }>(),
    'Company Found': props<{ company: CompanyRecord }>(),
    'Company Not Found': props<{ inn: string }>(),
  },
});
