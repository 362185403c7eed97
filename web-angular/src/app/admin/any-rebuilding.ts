import type { ProjectionStatus } from '../shared/api/api-types';

/** Whether any read model of the list is rebuilding (the list is then polled). */
export const anyRebuilding = (projections: readonly ProjectionStatus[]): boolean => projections.some((p) => p.status === 'rebuilding');
