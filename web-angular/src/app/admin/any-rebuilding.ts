import type { ProjectionStatusRow } from '../shared/api/api-types';

/** Whether any read model of the list is rebuilding (the list is then polled). */
export const anyRebuilding = (projections: readonly ProjectionStatusRow[]): boolean => projections.some((p) => p.status === 'rebuilding');
