import type { Stats } from '../shared/api/api-types';

/** The statistics the KPI specs show. */
export const STATS: Stats = {
  total: 12,
  byStatus: { signed: 7, invited: 3, declined: 2 },
  timeToSign: { median: 420, p90: 7500, within10MinShare: 0.8 },
  byDay: [
    { day: '2026-11-24', created: 5, signed: 4 },
    { day: '2026-11-23', created: 7, signed: 3 },
  ],
  byBranch: [{ branchId: 'msk', created: 12, signed: 7, median: 420 }],
};
