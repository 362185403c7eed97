import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, on } from '@ngrx/store';
import { compareLogPositions } from '@e-contract/contracts/wire';
import type { ApiProblem } from '../shared/api/api-problem';
import type { CompanyRecord, Deal, DealSort, LogPosition, ProcessStatus } from '../shared/api/api-types';
import { DealActions, DealsApiActions, DealsBoardActions } from './deals.actions';
import { DEFAULT_PAGE_SIZE, DEFAULT_SORT, type DealFilters } from './deal-filters';

export const dealsAdapter = createEntityAdapter<Deal>({
  selectId: (deal) => deal.processId,
  sortComparer: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
});

export interface DealsState extends EntityState<Deal> {
  total: number;
  page: number;
  pageSize: number;
  filters: DealFilters;
  /** The board's order: the API's `sort` (the column header pressed last). */
  sort: DealSort;
  /** How many deals of the board's scope are in each status (`null` until read). */
  statusCounts: Partial<Record<ProcessStatus, number>> | null;
  /** The log position the list reflects (the stream's `after`). */
  position: LogPosition | null;
  loading: boolean;
  error: ApiProblem | null;
  /** The deal page. */
  dealLoading: boolean;
  dealError: ApiProblem | null;
  commandPending: boolean;
  commandError: ApiProblem | null;
  /** The new-request form. */
  createPending: boolean;
  createError: ApiProblem | null;
  /** The registry's answer for the INN typed last (form autofill). */
  company: CompanyRecord | null;
}

export const initialDealsState: DealsState = dealsAdapter.getInitialState({
  total: 0,
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  filters: {},
  sort: DEFAULT_SORT,
  statusCounts: null,
  position: null,
  loading: false,
  error: null,
  dealLoading: false,
  dealError: null,
  commandPending: false,
  commandError: null,
  createPending: false,
  createError: null,
  company: null,
});

/** Whether position `a` comes after `b` in the log (`null`: before the first event). */
const later = (a: LogPosition, b: LogPosition | null): boolean => b === null || compareLogPositions(a, b) > 0;

export const dealsFeature = createFeature({
  name: 'deals',
  reducer: createReducer(
    initialDealsState,
    on(DealsBoardActions.opened, (state): DealsState => ({ ...state, loading: true, error: null })),
    on(DealsBoardActions.filtersChanged, (state, { filters }): DealsState => ({ ...state, filters, page: 1, loading: true, error: null })),
    on(DealsBoardActions.pageChanged, (state, { page }): DealsState => ({ ...state, page, loading: true, error: null })),
    on(DealsBoardActions.sortChanged, (state, { sort }): DealsState => ({ ...state, sort, page: 1, loading: true, error: null })),
    on(DealsApiActions.countsLoaded, (state, { byStatus }): DealsState => ({ ...state, statusCounts: byStatus })),
    on(DealsApiActions.listLoaded, (state, { page }): DealsState =>
      dealsAdapter.setAll(page.items, {
        ...state,
        total: page.total,
        page: page.page,
        pageSize: page.pageSize,
        position: page.position,
        loading: false,
        error: null,
      }),
    ),
    on(DealsApiActions.listFailed, (state, { problem }): DealsState => ({ ...state, loading: false, error: problem })),
    on(DealsApiActions.dealStreamed, (state, { deal }): DealsState => {
      const known = state.entities[deal.processId];
      if (known && !later(deal.position, known.position)) return state;
      return dealsAdapter.upsertOne(deal, {
        ...state,
        total: known ? state.total : state.total + 1,
        position: later(deal.position, state.position) ? deal.position : state.position,
      });
    }),
    on(DealActions.opened, (state): DealsState => ({ ...state, dealLoading: true, dealError: null })),
    on(DealActions.loaded, (state, { deal }): DealsState => dealsAdapter.upsertOne(deal, { ...state, dealLoading: false })),
    on(DealActions.loadFailed, (state, { problem }): DealsState => ({ ...state, dealLoading: false, dealError: problem })),
    on(DealActions.reinviteRequested, DealActions.reminderRequested, DealActions.cancelRequested, (state): DealsState => ({
      ...state,
      commandPending: true,
      commandError: null,
    })),
    on(DealActions.commandSucceeded, (state): DealsState => ({ ...state, commandPending: false })),
    on(DealActions.commandFailed, DealActions.documentDownloadFailed, (state, { problem }): DealsState => ({
      ...state,
      commandPending: false,
      commandError: problem,
    })),
    on(DealActions.createFormOpened, (state): DealsState => ({ ...state, createPending: false, createError: null, company: null })),
    on(DealActions.companyLookupRequested, DealActions.companyNotFound, (state): DealsState => ({ ...state, company: null })),
    on(DealActions.companyFound, (state, { company }): DealsState => ({ ...state, company })),
    on(DealActions.createRequested, (state): DealsState => ({ ...state, createPending: true, createError: null })),
    on(DealActions.createSucceeded, (state): DealsState => ({ ...state, createPending: false })),
    on(DealActions.createFailed, (state, { problem }): DealsState => ({ ...state, createPending: false, createError: problem })),
  ),
  extraSelectors: ({ selectDealsState }) => {
    const { selectAll, selectEntities } = dealsAdapter.getSelectors(selectDealsState);
    return { selectAll, selectEntities };
  },
});
