import type { DealListQuery } from '../shared/api/api-types';

/** The board's filters: the list query without paging and sorting (also the stream's query). */
export type DealFilters = Omit<DealListQuery, 'page' | 'pageSize' | 'sort'>;

export const DEFAULT_PAGE_SIZE = 20;
